'use client';

import { useId, useState, type FormEvent } from 'react';
import { ItemIcon } from '@/components/inventory/item-icon';
import type { ApplyReport as Report, LoadoutView } from '@/lib/loadouts/types';
import { ApplyReport } from './apply-report';
import { callLoadouts } from './loadout-client';

export const BUTTON = 'min-h-11 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50';
const PRIMARY = 'min-h-11 rounded-lg bg-vault-accent px-3 text-sm font-semibold text-vault-bg disabled:opacity-50';
export const INPUT = 'min-h-11 w-full rounded-lg border border-vault-line bg-vault-bg px-3 text-base';

type Props = {
  loadout: LoadoutView;
  /** The character this page shows: where Apply puts the loadout. */
  characterId: string;
  /** Its class name, e.g. "Titan". */
  characterClass: string;
  onRenamed: (view: LoadoutView) => void;
  onDeleted: (id: string) => void;
  /** Re-reads the page's data after items moved. */
  onApplied: () => void;
};

type Mode = 'idle' | 'renaming' | 'deleting';

/** One saved loadout: its items, and Apply, Rename and Delete (asked twice) with what happened. */
export function LoadoutCard({ loadout, characterId, characterClass, onRenamed, onDeleted, onApplied }: Props) {
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const nameId = useId();
  const titleId = useId();

  async function run<T>(label: string, call: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>, done: (data: T) => void) {
    setBusy(label);
    setProblem(null);
    const outcome = await call();
    setBusy(null);
    if (outcome.ok) done(outcome.data);
    else setProblem(outcome.message);
  }

  const apply = () =>
    run('Applying…', () => callLoadouts<Report>('POST', `/api/loadouts/${loadout.id}/apply`, { characterId }), (data) => {
      setReport(data);
      onApplied();
    });

  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    void run('Renaming…', () => callLoadouts<{ loadout: LoadoutView }>('PATCH', `/api/loadouts/${loadout.id}`, { name }), (data) => {
      setMode('idle');
      onRenamed(data.loadout);
    });
  };

  const remove = () => run('Deleting…', () => callLoadouts<{ ok: true }>('DELETE', `/api/loadouts/${loadout.id}`), () => onDeleted(loadout.id));

  return (
    <li aria-labelledby={titleId} data-loadout-id={loadout.id} className="flex flex-col gap-3 rounded-lg border border-vault-line bg-vault-panel p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={titleId} className="min-w-0 truncate text-base font-semibold">{loadout.name}</h3>
        {loadout.className !== characterClass && <span className="shrink-0 text-xs text-vault-muted">saved from {loadout.className}</span>}
      </div>
      <ul aria-label={`Items in ${loadout.name}`} className="flex flex-wrap gap-1">
        {loadout.items.map((item) => (
          <li key={item.itemId} title={item.name}>
            <ItemIcon src={item.iconUrl} size={32} className="h-8 w-8 rounded" />
            <span className="sr-only">{item.name}</span>
          </li>
        ))}
      </ul>
      {mode === 'renaming' ? (
        <form onSubmit={rename} className="flex flex-col gap-2">
          <label htmlFor={nameId} className="text-sm text-vault-muted">New name</label>
          <input id={nameId} name="name" defaultValue={loadout.name} maxLength={40} required autoComplete="off" className={INPUT} />
          <div className="grid grid-cols-2 gap-2">
            <button type="submit" className={PRIMARY} disabled={busy !== null}>Save name</button>
            <button type="button" className={BUTTON} onClick={() => setMode('idle')}>Cancel</button>
          </div>
        </form>
      ) : mode === 'deleting' ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm">Delete “{loadout.name}”? This cannot be undone.</p>
          <div className="grid grid-cols-2 gap-2">
            <button type="button" className={`${BUTTON} border-red-400/60 text-red-200`} disabled={busy !== null} onClick={() => void remove()}>Yes, delete</button>
            <button type="button" className={BUTTON} onClick={() => setMode('idle')}>Keep it</button>
          </div>
        </div>
      ) : (
        <div className="grid grid-cols-3 gap-2">
          <button type="button" className={PRIMARY} disabled={busy !== null} onClick={() => void apply()}>Apply</button>
          <button type="button" className={BUTTON} disabled={busy !== null} onClick={() => setMode('renaming')}>Rename</button>
          <button type="button" className={BUTTON} disabled={busy !== null} onClick={() => setMode('deleting')}>Delete</button>
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-vault-muted empty:hidden">{busy ?? (report ? report.summary : '')}</p>
      {problem && <p role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">{problem}</p>}
      {report && <ApplyReport report={report} />}
    </li>
  );
}
