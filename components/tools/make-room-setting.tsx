'use client';

import { useState } from 'react';
import { tryFetchJson } from '@/components/fetch-json';
import type { PlayerSettingsView } from '@/lib/tools/types';

/**
 * The player's "make room automatically" switch (stored per player: PUT /api/settings), shown
 * where it matters: under a "no room" refusal (off), and under a move that made room (on).
 */
export function MakeRoomSetting({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function change(next: boolean) {
    setBusy(true);
    const outcome = await tryFetchJson<PlayerSettingsView>('/api/settings', { method: 'PUT', body: { autoMakeRoom: next } });
    setBusy(false);
    if (!outcome.ok) return setNote(outcome.error.message);
    setOn(outcome.data.autoMakeRoom);
    setNote(outcome.data.autoMakeRoom ? 'From now on, a move that finds no room makes the one suggested move first and says so.' : 'Moves that find no room will ask again.');
  }
  return (
    <div className="mt-2 flex flex-col gap-1 text-sm">
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" checked={on} disabled={busy} onChange={(e) => void change(e.target.checked)} className="h-5 w-5" />
        Make room automatically (one move, always announced)
      </label>
      <p aria-live="polite" className="text-xs text-vault-muted empty:hidden">{note}</p>
    </div>
  );
}
