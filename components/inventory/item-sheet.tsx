'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import type { ItemTile } from '@/lib/inventory/types';
import { ItemDetails } from './item-details';
import { ItemIcon } from './item-icon';
import { TIER_TEXT } from './tier-styles';

/**
 * The detail sheet of one item: a modal `<dialog>` (focus trapped, Escape closes it), pinned
 * to the bottom of a phone's screen where a thumb reaches it, centred on a desktop.
 */
export function ItemSheet({ tile, onClose, children }: { tile: ItemTile | null; onClose: () => void; children?: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (tile && !el.open) el.showModal();
    if (!tile && el.open) el.close();
  }, [tile]);

  const facts: [string, string][] = tile
    ? [
        ['Where', tile.location.label],
        ...(tile.power !== null ? ([['Power', String(tile.power)]] as [string, string][]) : []),
        ...(tile.damageType ? ([['Element', tile.damageType]] as [string, string][]) : []),
        ...(tile.quantity > 1 ? ([['Quantity', String(tile.quantity)]] as [string, string][]) : []),
        ['Locked', tile.locked ? 'Yes' : 'No'],
        ['Masterwork', tile.masterwork ? 'Yes' : 'No'],
        ['Item hash', String(tile.hash)],
        ...(tile.instanceId ? ([['Instance', tile.instanceId]] as [string, string][]) : []),
      ]
    : [];

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="item-sheet-title"
      data-testid="item-sheet"
      className="m-0 mt-auto max-h-[90dvh] w-full max-w-none overflow-y-auto rounded-t-2xl border border-vault-line bg-vault-panel p-0 text-vault-text backdrop:bg-black/60 sm:m-auto sm:max-w-md sm:rounded-2xl"
    >
      {tile && (
        <div className="flex flex-col gap-4 p-5">
          <div className="flex items-center gap-3">
            <ItemIcon src={tile.iconUrl} size={64} className="h-16 w-16 shrink-0 rounded-md" />
            <div className="min-w-0">
              <h2 id="item-sheet-title" className="truncate text-lg font-semibold">{tile.name}</h2>
              <p className={`text-sm ${TIER_TEXT[tile.tier]}`}>{tile.known ? [tile.tierName, tile.typeName].filter(Boolean).join(' ') : 'Not in the item database yet'}</p>
            </div>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {facts.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-vault-muted">{term}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
          {!tile.known && <p className="text-sm text-vault-muted">A manifest refresh will give this item its name and icon.</p>}
          {/* Stats and perks belong to an instance: stacks (consumables, mods) have none. */}
          {tile.known && tile.instanceId && <ItemDetails key={tile.instanceId} instanceId={tile.instanceId} />}
          {children}
          <form method="dialog">
            <button type="submit" className="min-h-12 w-full rounded-lg border border-vault-line text-base">Close</button>
          </form>
        </div>
      )}
    </dialog>
  );
}
