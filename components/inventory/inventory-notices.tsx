'use client';

import type { CharacterSummary } from '@/lib/inventory/types';
import type { SuggestedMove } from './item-action-client';
import { storeName, type BulkLine } from './store-moves';

/* The inventory screen's notices (inventory-screen.tsx): a drop's outcome, and a bulk move's report. */

export type Notice = { kind: 'working' | 'done'; message: string } | { kind: 'refused'; message: string; suggestion?: SuggestedMove };
/** `waiting`: seconds the move is waiting out a "not so fast" (the per-player limit, Bungie's throttling), or null. */
export type Bulk = { to: string; total: number; done: number; current: string | null; lines: BulkLine[]; skipped: number; finished: boolean; waiting: number | null };


export const button = 'min-h-9 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50';

export function DropStatus({ notice, onMakeRoom, onDismiss }: { notice: Notice | null; onMakeRoom: (s: SuggestedMove) => void; onDismiss: () => void }) {
  return (
    <>
      <p role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="drop-status">
        {notice && notice.kind !== 'refused' ? notice.message : ''}
      </p>
      {notice?.kind === 'refused' && (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg border border-red-400/60 bg-red-950/60 p-2 text-sm" data-testid="drop-refused">
          <p className="min-w-0 flex-1">{notice.message}</p>
          {notice.suggestion && (
            <button type="button" className={button} onClick={() => onMakeRoom(notice.suggestion!)}>{notice.suggestion.label}</button>
          )}
          <button type="button" className={button} onClick={onDismiss}>Dismiss</button>
        </div>
      )}
    </>
  );
}

/** A bulk move's progress line, then one line per item: moved, or the game's refusal. */
export function BulkReport({ bulk, characters, onClose }: { bulk: Bulk; characters: CharacterSummary[]; onClose: () => void }) {
  const moved = bulk.lines.filter((l) => l.ok).length;
  const refused = bulk.lines.length - moved;
  const where = storeName(bulk.to, characters);
  return (
    <section aria-label="Bulk move" className="flex flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-3 text-sm" data-testid="bulk">
      <p role="status" aria-live="polite" className="font-medium" data-testid="bulk-progress">
        {bulk.finished
          ? `Moved ${moved} of ${bulk.total} item${bulk.total === 1 ? '' : 's'} to ${where}${refused ? `; ${refused} refused` : ''}.`
          : bulk.waiting !== null
            ? `Waiting ${bulk.waiting} s: Bungie limits how often Vault Raider may ask it for your items. Moving ${bulk.done + 1} of ${bulk.total} goes on by itself.`
            : `Moving ${bulk.done + 1} of ${bulk.total} to ${where}${bulk.current ? `: ${bulk.current}` : ''}…`}
      </p>
      <progress max={bulk.total} value={bulk.done} className="h-1.5 w-full" aria-label="Items moved" />
      {bulk.skipped > 0 && <p className="text-vault-muted">{bulk.skipped} matching item{bulk.skipped === 1 ? '' : 's'} stayed: already there, equipped, at the postmaster or account-wide.</p>}
      <ol className="flex max-h-48 flex-col gap-0.5 overflow-y-auto" data-testid="bulk-report">
        {bulk.lines.map((l) => (
          <li key={l.key} data-item-key={l.key} data-result={l.ok ? 'moved' : 'refused'} className={l.ok ? '' : 'text-red-300'}>
            <span className="font-medium">{l.name}</span>: {l.message}
          </li>
        ))}
      </ol>
      {bulk.finished && (
        <button type="button" className={`${button} self-start`} onClick={onClose}>Close the report</button>
      )}
    </section>
  );
}
