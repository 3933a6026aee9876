import { SignInButton } from '@/components/auth/sign-in-button';
import { ERROR_TABLE } from '@/lib/http/error-table';

/** The start page: what Vault Raider is, and the one way in. */
export function Landing({ sessionEnded }: { sessionEnded: boolean }) {
  return (
    <section className="flex flex-col items-center gap-6 pt-10 text-center sm:pt-20">
      {sessionEnded && (
        <p role="alert" className="w-full max-w-md rounded-lg border border-vault-accent/60 bg-vault-panel px-4 py-3 text-sm">
          {ERROR_TABLE.session_ended.message}
        </p>
      )}
      <h1 className="text-3xl font-bold sm:text-5xl">Your vault, in your pocket</h1>
      <p className="max-w-md text-vault-muted">
        See your Destiny 2 vault and characters, move and equip gear, and check what Xûr sells this week — from your
        phone or your desktop.
      </p>
      <SignInButton />
      <p className="max-w-md text-sm text-vault-muted">You sign in on Bungie.net; Vault Raider never sees your password.</p>
    </section>
  );
}
