import { SignInButton } from '@/components/auth/sign-in-button';
import { DATABASE_DOWN_MESSAGE, MANIFEST_DOWN_MESSAGE } from '@/lib/http/outage-messages';
import type { LoadProblem as Problem } from '@/lib/inventory/types';

const COPY: Record<Exclude<Problem['kind'], 'not-found' | 'bungie-unavailable' | 'bungie-refused'>, { title: string; body: string }> = {
  'session-ended': { title: 'Your Bungie session has ended — sign in again', body: 'Bungie no longer accepts this sign-in. Sign in again to see your items.' },
  'no-destiny-account': { title: 'No Destiny 2 account', body: 'This Bungie.net account has no Destiny 2 characters yet.' },
  'no-manifest': {
    title: 'The item database is still loading',
    body: 'Vault Raider has not finished downloading Destiny’s item database (the manifest) yet. This takes a minute after the server starts — reload the page shortly.',
  },
  'manifest-unavailable': { title: 'The item database is not answering', body: `${MANIFEST_DOWN_MESSAGE} This clears by itself once it is back.` },
  'database-unavailable': { title: 'Vault Raider’s database is down', body: `${DATABASE_DOWN_MESSAGE} Reload this page once it is back; you stay signed in.` },
};

const BUNGIE_TITLES = { maintenance: 'Bungie.net is down for maintenance', throttled: 'Bungie.net is busy', down: 'Bungie.net is unavailable' } as const;

/** A page that explains why the items cannot be shown (never a stack trace or a bare 500). */
export function LoadProblem({ problem }: { problem: Exclude<Problem, { kind: 'not-found' }> }) {
  const copy =
    problem.kind === 'bungie-unavailable' ? { title: BUNGIE_TITLES[problem.reason], body: problem.message }
    : problem.kind === 'bungie-refused' ? { title: 'Bungie.net could not show this', body: problem.message }
    : COPY[problem.kind];
  return (
    <section role="alert" data-problem={problem.kind} className="flex flex-col items-center gap-4 pt-12 text-center">
      <h1 className="text-2xl font-bold">{copy.title}</h1>
      <p className="max-w-md text-vault-muted">{copy.body}</p>
      {problem.kind === 'session-ended' && <SignInButton />}
    </section>
  );
}
