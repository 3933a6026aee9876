'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { mutate } from 'swr';
import { tryFetchJson } from '@/components/fetch-json';
import { ItemIcon } from '@/components/inventory/item-icon';
import type { SweepReport } from '@/lib/tools/types';

/**
 * "Collect all" for a character's postmaster: one request, the server pulls item by item (making
 * room only with the least valuable unlocked item of a full slot) and answers a line per item.
 * `keep`: instance ids the player tagged favourite or keep, which the sweep never moves.
 */
export function PostmasterSweep({ characterId, count, keep }: { characterId: string; count: number; keep: string[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<SweepReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function sweep() {
    setBusy(true);
    setProblem(null);
    setReport(null);
    const outcome = await tryFetchJson<SweepReport>('/api/postmaster/collect', { method: 'POST', body: { characterId, keep } });
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.error.message);
    setReport(outcome.data);
    router.refresh();
    // Collected gear may raise the character's max power: the header reads it again.
    void mutate(`/api/characters/${characterId}/max-power`);
  }

  if (count === 0 && !report) return null;
  return (
    <section aria-label="Postmaster" data-testid="postmaster-sweep" className="flex flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm">{count > 0 ? `${count} ${count === 1 ? 'item waits' : 'items wait'} at the postmaster.` : 'The postmaster is empty.'}</p>
        <button type="button" disabled={busy || count === 0} onClick={() => void sweep()} className="min-h-11 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50">
          Collect all
        </button>
      </div>
      <p className="text-xs text-vault-muted">A full slot gets room only by sending its least valuable unlocked item to the vault — never a locked, equipped or kept one.</p>
      <p role="status" aria-live="polite" className="text-sm text-vault-muted empty:hidden">{busy ? 'Collecting…' : (report?.summary ?? '')}</p>
      {problem && <p role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-2 text-sm">{problem}</p>}
      {report && report.items.length > 0 && (
        <ul data-testid="sweep-report" aria-label="What happened to each item" className="flex flex-col gap-2">
          {report.items.map((line) => (
            <li key={`${line.itemId}:${line.itemHash}`} data-item-id={line.itemId} data-status={line.status} className="flex items-start gap-2 text-sm">
              <ItemIcon src={line.iconUrl} size={32} className="h-8 w-8 shrink-0 rounded" />
              <div className="min-w-0">
                <p className="truncate font-medium">{line.name}{line.quantity > 1 ? ` ×${line.quantity}` : ''}</p>
                {/* A collected item's sentence says so itself ("Collected onto your Titan…"); a left one is marked. */}
                {line.status === 'left' ? (
                  <p><span className="font-semibold text-red-300">Left at the postmaster:</span> {line.message}</p>
                ) : (
                  <p className="text-emerald-300">{line.message}</p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
