'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { LoadoutView } from '@/lib/loadouts/types';
import { BUTTON, INPUT, LoadoutCard } from './loadout-card';
import { callLoadouts } from './loadout-client';

type Props = {
  /** The character the page shows: Save reads its equipped items, Apply equips on it. */
  characterId: string;
  /** Its class name, e.g. "Titan". */
  characterClass: string;
  /** The player's loadouts as the server read them for this page. */
  loadouts: LoadoutView[];
};

const byName = (a: LoadoutView, b: LoadoutView) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The character page's Loadouts panel: save what this character has equipped under a name, and
 * list, apply, rename and delete saved loadouts. Folded by default so the items stay in reach.
 */
export function LoadoutsPanel({ characterId, characterClass, loadouts }: Props) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [list, setList] = useState(loadouts);
  // The server's list wins whenever the page data is read again (after an apply, or elsewhere).
  const [fromServer, setFromServer] = useState(loadouts);
  if (fromServer !== loadouts) {
    setFromServer(loadouts);
    setList(loadouts);
  }
  // The body is rendered only while open: no icon of a folded panel is fetched (or waited for).
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nameId = useId();
  const refresh = () => startTransition(() => router.refresh());

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    setBusy(true);
    setProblem(null);
    setDone(null);
    const outcome = await callLoadouts<{ loadout: LoadoutView }>('POST', '/api/loadouts', { name, characterId });
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.message);
    setList((old) => [...old, outcome.data.loadout].sort(byName));
    setDone(`Saved “${outcome.data.loadout.name}”.`);
    form.reset();
  }

  return (
    <details data-testid="loadouts" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-lg border border-vault-line bg-vault-panel">
      <summary className="flex min-h-12 cursor-pointer items-center justify-between px-4 text-base font-semibold">
        <span>Loadouts</span>
        <span className="text-sm font-normal text-vault-muted">{list.length === 0 ? 'none yet' : `${list.length} saved`}</span>
      </summary>
      {open && (
        <div className="flex flex-col gap-4 border-t border-vault-line p-3">
          <form onSubmit={(e) => void save(e)} className="flex flex-col gap-2">
            <label htmlFor={nameId} className="text-sm text-vault-muted">Save what your {characterClass} has equipped as</label>
            <div className="flex gap-2">
              <input id={nameId} name="name" maxLength={40} required placeholder="Loadout name" autoComplete="off" className={INPUT} />
              <button type="submit" disabled={busy} className={`${BUTTON} shrink-0`}>{busy ? 'Saving…' : 'Save'}</button>
            </div>
            <p role="status" aria-live="polite" className="min-h-5 text-sm text-vault-muted empty:hidden">{done}</p>
            {problem && <p role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">{problem}</p>}
          </form>
          {list.length > 0 && (
            <ul aria-label="Saved loadouts" className="flex flex-col gap-3">
              {list.map((loadout) => (
                <LoadoutCard
                  key={loadout.id}
                  loadout={loadout}
                  characterId={characterId}
                  characterClass={characterClass}
                  onRenamed={(view) => setList((old) => old.map((l) => (l.id === view.id ? view : l)).sort(byName))}
                  onDeleted={(id) => setList((old) => old.filter((l) => l.id !== id))}
                  onApplied={refresh}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
