import type { Metadata } from 'next';
import { SignInButton } from '@/components/auth/sign-in-button';

export const metadata: Metadata = { title: 'Sign-in failed' };

// A Map, not an object: the code comes from the URL, and `?error=__proto__` (or `constructor`,
// `toString`, ...) must find nothing rather than an Object built-in (issue 17).
const MESSAGES: ReadonlyMap<string, string> = new Map([
  ['AccessDenied', 'Bungie.net did not allow the sign-in.'],
  ['Configuration', 'The sign-in could not be completed: the answer from Bungie.net did not check out.'],
  ['Verification', 'That sign-in link has expired.'],
]);

/** Where Auth.js sends a failed sign-in (a wrong state, a refused code …): a sentence, no details. */
export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const message = (typeof error === 'string' && MESSAGES.get(error)) || 'The sign-in could not be completed.';
  return (
    <section role="alert" className="flex flex-col items-center gap-5 pt-14 text-center">
      <h1 className="text-2xl font-bold">Sign-in failed</h1>
      <p className="max-w-md text-vault-muted">{message} Nothing was saved. Please try again.</p>
      <SignInButton label="Try again with Bungie" />
    </section>
  );
}
