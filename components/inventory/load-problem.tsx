import { SignInButton } from '@/components/auth/sign-in-button';
import { ERROR_TABLE, type AppErrorCode } from '@/lib/http/error-table';
import { problemCode } from '@/lib/inventory/problem-code';
import type { LoadProblem as Problem } from '@/lib/inventory/types';

/** A sentence as a heading: without its closing full stop. */
const headline = (sentence: string) => sentence.replace(/\.$/, '');

/** Each problem page's heading, and its text around the error table's sentence (the JSON routes' message). */
const COPY: Partial<Record<AppErrorCode, { title: string; body?: (sentence: string) => string }>> = {
  session_ended: { title: headline(ERROR_TABLE.session_ended.message), body: () => 'Bungie no longer accepts this sign-in. Sign in again to see your items.' },
  no_destiny_account: { title: 'No Destiny 2 account' },
  no_manifest: {
    title: 'The item database is still loading',
    body: () => 'Vault Raider has not finished downloading Destiny’s item database (the manifest) yet. This takes a minute after the server starts — reload the page shortly.',
  },
  manifest_unavailable: { title: 'The item database is not answering', body: (sentence) => `${sentence} This clears by itself once it is back.` },
  database_unavailable: { title: 'Vault Raider’s database is down', body: (sentence) => `${sentence} Reload this page once it is back; you stay signed in.` },
  rate_limited: { title: 'One moment', body: (sentence) => `${sentence} Reload this page then.` },
  bungie_maintenance: { title: 'Bungie.net is down for maintenance' },
  bungie_throttled: { title: 'Bungie.net is busy' },
  bungie_unavailable: { title: 'Bungie.net is unavailable' },
  // Bungie answered and said no (a character it does not know, ...): not an outage.
  bungie_refused: { title: 'Bungie.net could not show this' },
};

/** What the page says: a heading, and the table's sentence (Bungie's for a Bungie failure) with the page's own words. */
function copyOf(problem: Exclude<Problem, { kind: 'not-found' }>): { title: string; body: string } {
  const code = problemCode(problem);
  const sentence = problem.kind === 'bungie-unavailable' ? problem.message : ERROR_TABLE[code].message;
  const copy = COPY[code];
  return { title: copy?.title ?? headline(sentence), body: copy?.body ? copy.body(sentence) : sentence };
}

/** A page that explains why the items cannot be shown (never a stack trace or a bare 500). */
export function LoadProblem({ problem }: { problem: Exclude<Problem, { kind: 'not-found' }> }) {
  const copy = copyOf(problem);
  return (
    <section role="alert" data-problem={problem.kind} className="flex flex-col items-center gap-4 pt-12 text-center">
      <h1 className="text-2xl font-bold">{copy.title}</h1>
      <p className="max-w-md text-vault-muted">{copy.body}</p>
      {problem.kind === 'session-ended' && <SignInButton />}
    </section>
  );
}
