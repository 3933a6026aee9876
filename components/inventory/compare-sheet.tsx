'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import { fetchJson } from '@/components/fetch-json';
import type { ItemDetail, ItemTile } from '@/lib/inventory/types';
import { compareTitle, difference, isBetter } from './compare';
import { ItemIcon } from './item-icon';
import { TIER_TEXT } from './tier-styles';

/** Stats and perks of every compared item: one GET /api/items/[id] each, all at once. */
async function readAll(ids: readonly string[]): Promise<ItemDetail[]> {
  return Promise.all(ids.map((id) => fetchJson<ItemDetail>(`/api/items/${encodeURIComponent(id)}`)));
}

/** A row of the table: one value per item (null when the item lacks that stat); `statHash` absent for Power. */
type Row = { name: string; statHash?: number; values: (number | null)[] };

function statRows(tiles: readonly ItemTile[], details: readonly ItemDetail[]): Row[] {
  // The first item's order (the game's), then any stat only another item has.
  const stats = new Map<string, number>();
  for (const d of details) for (const s of d.stats) if (!stats.has(s.name)) stats.set(s.name, s.statHash);
  return [
    { name: 'Power', values: tiles.map((t) => t.power) },
    ...[...stats].map(([name, statHash]) => ({ name, statHash, values: details.map((d) => d.stats.find((s) => s.name === name)?.value ?? null) })),
  ];
}

/**
 * Items of one weapon type or armour slot side by side: power and every stat, each with its
 * difference from the first item (the one the player started from), then each item's active
 * perks. A modal `<dialog>`, scrolled sideways on a phone.
 */
export function CompareSheet({ tiles, onClose }: { tiles: ItemTile[] | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = tiles !== null && tiles.length > 0;
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  const ids = open ? tiles.map((t) => t.instanceId ?? '') : [];
  const { data, error, isValidating, mutate } = useSWR(open ? ['compare', ...ids] : null, () => readAll(ids), { revalidateOnFocus: false, shouldRetryOnError: false });
  const base = tiles?.[0];

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="compare-title"
      data-testid="compare-sheet"
      className="m-0 mt-auto max-h-[90dvh] w-full max-w-none overflow-y-auto rounded-t-2xl border border-vault-line bg-vault-panel p-0 text-vault-text backdrop:bg-black/60 sm:m-auto sm:max-w-3xl sm:rounded-2xl"
    >
      {open && base && (
        <div className="flex flex-col gap-4 p-5">
          <h2 id="compare-title" className="text-lg font-semibold">Compare {compareTitle(base)}s</h2>
          {tiles.length < 2 && <p className="text-sm text-vault-muted">Nothing else here is a {compareTitle(base)} to compare with.</p>}
          {error && !data ? (
            <div role="alert" className="flex flex-col gap-2 rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">
              <p>Stats could not be loaded: {(error as Error).message}</p>
              <button type="button" disabled={isValidating} onClick={() => void mutate()} className="min-h-11 rounded-lg border border-vault-line px-3 font-medium disabled:opacity-50">Try again</button>
            </div>
          ) : (
            // Scrolled sideways on a phone: focusable, so a keyboard can scroll it too.
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Compared items">
              <table className="w-full border-collapse text-sm" aria-describedby="compare-note">
                <thead>
                  <tr>
                    <th scope="col" className="sr-only">Stat</th>
                    {tiles.map((t) => (
                      <th key={t.key} scope="col" data-item-id={t.instanceId} className="min-w-28 p-1 text-left align-top font-medium">
                        <ItemIcon src={t.iconUrl} size={40} className="h-10 w-10 rounded" />
                        <span className={`block ${TIER_TEXT[t.tier]}`}>{t.name}</span>
                        <span className="block text-xs font-normal text-vault-muted">{t.location.label}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data ? (
                    <>
                      {statRows(tiles, data).map((row) => (
                        <tr key={row.name} className="border-t border-vault-line" data-stat={row.name}>
                          <th scope="row" className="p-1 text-left font-normal text-vault-muted">{row.name}</th>
                          {row.values.map((value, i) => {
                            const against = row.values[0];
                            const diff = i > 0 && value !== null && against !== null && against !== undefined ? difference(value, against) : '';
                            const better = diff !== '' && isBetter(value!, against!, row.statHash);
                            return (
                              <td key={tiles[i]!.key} className="p-1 tabular-nums">
                                {value ?? '—'}
                                {diff && <span className={`ml-1 text-xs ${better ? 'text-emerald-300' : 'text-red-300'}`} data-diff={diff} data-better={better}>{diff}</span>}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                      <tr className="border-t border-vault-line align-top">
                        <th scope="row" className="p-1 text-left font-normal text-vault-muted">Perks</th>
                        {data.map((d, i) => (
                          <td key={tiles[i]!.key} className="p-1">
                            <ul className="flex flex-col gap-0.5" aria-label={`Perks of ${tiles[i]!.name}`}>
                              {d.sockets.flatMap((s) => s.plugs.filter((p) => p.active).map((p) => <li key={`${s.index}:${p.hash}`} title={p.description}>{p.name}</li>))}
                            </ul>
                          </td>
                        ))}
                      </tr>
                    </>
                  ) : (
                    <tr>
                      <td colSpan={tiles.length + 1} role="status" className="p-2 text-vault-muted">Loading stats and perks…</td>
                    </tr>
                  )}
                </tbody>
              </table>
              <p id="compare-note" className="mt-2 text-xs text-vault-muted">Differences are against the first item, {base.name}.</p>
            </div>
          )}
          <form method="dialog">
            <button type="submit" className="min-h-12 w-full rounded-lg border border-vault-line text-base">Close</button>
          </form>
        </div>
      )}
    </dialog>
  );
}
