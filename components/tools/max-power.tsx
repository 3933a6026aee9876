'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import useSWR from 'swr';
import { fetchJson, tryFetchJson } from '@/components/fetch-json';
import { ItemIcon } from '@/components/inventory/item-icon';
import { ApplyReport } from '@/components/loadouts/apply-report';
import type { ApplyReport as Report } from '@/lib/loadouts/types';
import type { MaxPowerView } from '@/lib/tools/types';

const button = 'min-h-11 rounded-lg border border-vault-line bg-vault-panel/80 px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50';

/**
 * The character's highest reachable power (its items anywhere, the vault included) under its
 * header, read once the page is up (one GetProfile on the server); "Equip max power" puts that set
 * on through the loadout engine and shows its per-item report.
 */
export function MaxPower({ characterId, className }: { characterId: string; className: string }) {
  const router = useRouter();
  const url = `/api/characters/${characterId}/max-power`;
  const { data, error, mutate } = useSWR<MaxPowerView>(url, (u: string) => fetchJson<MaxPowerView>(u), { revalidateOnFocus: false, shouldRetryOnError: false });
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The list (and its icons) is drawn only while unfolded: lazy icons in a closed <details> never load.
  const [unfolded, setUnfolded] = useState(false);

  async function equip() {
    setBusy(true);
    setProblem(null);
    setReport(null);
    const outcome = await tryFetchJson<Report>(url, { method: 'POST' });
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.error.message);
    setReport(outcome.data);
    void mutate();
    router.refresh();
  }

  return (
    <section aria-label="Max power" data-testid="max-power" className="flex flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          {error ? (
            <span role="alert">Max power could not be worked out: {(error as Error).message}</span>
          ) : data ? (
            <>
              Max power <span className="text-lg font-semibold tabular-nums text-vault-accent" data-testid="max-power-value">{data.power}</span>
              <span className="text-vault-muted">{data.power > data.equippedPower ? ` (wearing ${data.equippedPower})` : ' — already worn'}</span>
            </>
          ) : (
            <span className="text-vault-muted">Working out max power…</span>
          )}
        </p>
        <button type="button" className={button} disabled={busy || !data || data.items.every((i) => i.equipped)} onClick={() => void equip()}>
          Equip max power
        </button>
      </div>
      {data && data.items.length > 0 && (
        <details className="text-sm" onToggle={(e) => setUnfolded(e.currentTarget.open)}>
          <summary className="cursor-pointer text-vault-muted">The {className}&apos;s max-power items</summary>
          {unfolded && <ul className="mt-2 flex flex-col gap-1" aria-label="Max-power items">
            {data.items.map((item) => (
              <li key={item.itemId} data-item-id={item.itemId} className="flex items-center gap-2">
                <ItemIcon src={item.iconUrl} size={24} className="h-6 w-6 shrink-0 rounded" />
                <span className="w-12 tabular-nums">{item.power}</span>
                <span className="min-w-0 flex-1 truncate">{item.name}</span>
                <span className="text-xs text-vault-muted">{item.where}</span>
              </li>
            ))}
            {data.emptySlots.map((slot) => (
              <li key={slot} className="text-vault-muted">{slot}: nothing this class can use.</li>
            ))}
          </ul>}
        </details>
      )}
      <p role="status" aria-live="polite" className="text-sm text-vault-muted empty:hidden">{busy ? 'Equipping max power…' : (report?.summary ?? '')}</p>
      {problem && <p role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-2 text-sm">{problem}</p>}
      {report && <ApplyReport report={report} />}
    </section>
  );
}
