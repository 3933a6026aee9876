'use client';

import { useId, useState } from 'react';
import { tryFetchJson } from '@/components/fetch-json';
import { clearVaultSnapshot } from '@/components/offline/vault-snapshot';
import type { ProfileSwitchView } from '@/lib/memberships/types';

/** "Steam · Guardian": how the switcher names a profile. */
export function profileLabel(p: { platform: string; displayName: string }): string {
  return p.displayName ? `${p.platform} · ${p.displayName}` : p.platform;
}

/**
 * The header's choice of Destiny profile, for a Bungie account with several (cross-save off, older
 * platforms). A native select: on a phone it opens the system picker. Picking one stores the
 * choice on the server, then loads the page afresh so every view and cache shows the new profile;
 * a character page goes to the inventory, as the character belongs to the other profile.
 */
export function ProfileSwitcher({ view }: { view: ProfileSwitchView }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState(view.activeId ?? '');
  // The header holds two (the phone's row and the desktop bar; CSS shows one).
  const id = useId();

  async function choose(membershipId: string) {
    const before = value;
    setValue(membershipId);
    setBusy(true);
    setError(null);
    const result = await tryFetchJson<ProfileSwitchView>('/api/memberships', { method: 'PUT', body: { membershipId } });
    if (!result.ok) {
      setValue(before);
      setBusy(false);
      setError(result.error.message);
      return;
    }
    // The offline copy showed the other profile's vault.
    clearVaultSnapshot();
    const onCharacter = window.location.pathname.startsWith('/characters/');
    window.location.assign(onCharacter ? '/inventory' : window.location.pathname + window.location.search);
  }

  return (
    <span className="flex items-center gap-2">
      <label className="shrink-0 text-xs text-vault-muted sm:sr-only" htmlFor={id}>Destiny profile</label>
      <select
        id={id}
        data-testid={id}
        value={value}
        disabled={busy}
        onChange={(event) => void choose(event.target.value)}
        className="h-9 min-w-0 flex-1 truncate rounded border border-vault-line bg-vault-panel px-2 text-sm text-vault-text disabled:opacity-60 sm:h-8 sm:max-w-[14rem] sm:flex-none sm:text-xs"
      >
        {view.profiles.map((p) => (
          <option key={p.membershipId} value={p.membershipId}>{profileLabel(p)}</option>
        ))}
      </select>
      {error && <span role="alert" className="text-xs text-red-300">{error}</span>}
    </span>
  );
}
