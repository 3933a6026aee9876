import { signInWithBungie } from '@/lib/auth/actions';

/** The one way in: a form posting to a server action (CSRF-safe), thumb-sized. */
export function SignInButton({ label = 'Sign in with Bungie' }: { label?: string }) {
  return (
    <form action={signInWithBungie} className="w-full sm:w-auto">
      <button
        type="submit"
        className="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-vault-accent px-6 text-base font-semibold text-black shadow transition hover:brightness-110 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-vault-accent sm:w-auto"
      >
        {label}
      </button>
    </form>
  );
}
