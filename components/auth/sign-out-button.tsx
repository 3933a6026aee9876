'use client';

import { clearVaultSnapshot } from '@/components/offline/vault-snapshot';
import { signOutOfVaultRaider } from '@/lib/auth/actions';

/** Ends the session on the server (its row is deleted), not just in this browser; the offline copy of the vault goes too. */
export function SignOutButton() {
  return (
    <form action={signOutOfVaultRaider} onSubmit={() => clearVaultSnapshot()}>
      <button type="submit" className="min-h-11 rounded-md border border-vault-line px-3 text-sm text-vault-text hover:bg-vault-panel">
        Sign out
      </button>
    </form>
  );
}
