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
export function ItemSheet({ tile, onClose, onCompare, children }: { tile: ItemTile | null; onClose: () => void; onCompare?: () => void; children?: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // The tile that opened the sheet gets the focus back when it closes (a keyboard user stays in place).
  const opener = useRef<HTMLElement | null>(null);
  const isOpen = tile !== null;
  // The second try at giving the focus back; dropped if the sheet goes away first (a navigation).
  const refocus = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(refocus.current), []);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (isOpen && !el.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      title.current?.focus();
    }
    if (!isOpen && el.open) el.close();
  }, [isOpen]);
  const closed = () => {
    onClose();
    const from = opener.current;
    const id = tile?.instanceId;
    opener.current = null;
    // A tile that changed section was drawn anew: find it by its item id. Again once the page has
    // re-rendered without the sheet, in case that drew it anew too — but only if the focus went
    // nowhere meanwhile: a player who has already tapped the search box keeps typing there.
    const back = () => (from?.isConnected ? from : id ? document.querySelector<HTMLElement>(`main button[data-item-id="${id}"]`) : null);
    back()?.focus();
    clearTimeout(refocus.current);
    refocus.current = setTimeout(() => {
      // A focused element that is removed leaves the focus on <body>.
      const unclaimed = document.activeElement === null || document.activeElement === document.body;
      const tileNow = back();
      if (tileNow && unclaimed && !document.querySelector('dialog[open]')) tileNow.focus();
    }, 50);
  };

  // Gear (an instance with power) has a lock and a masterwork; a stack of consumables has neither.
  const gear = Boolean(tile?.instanceId) && tile?.power !== null;
  const facts: [string, string][] = tile
    ? [
        ['Where', tile.location.label],
        ...(tile.power !== null ? ([['Power', String(tile.power)]] as [string, string][]) : []),
        ...(tile.damageType ? ([['Element', tile.damageType]] as [string, string][]) : []),
        ...(tile.quantity > 1 ? ([['Quantity', String(tile.quantity)]] as [string, string][]) : []),
        ...(tile.instanceId ? ([['Locked', tile.locked ? 'Yes' : 'No']] as [string, string][]) : []),
        ...(gear ? ([['Masterwork', tile.masterwork ? 'Yes' : 'No']] as [string, string][]) : []),
      ]
    : [];

  return (
    <dialog
      ref={dialog}
      onClose={closed}
      aria-labelledby="item-sheet-title"
      data-testid="item-sheet"
      className="m-0 mt-auto max-h-[90dvh] w-full max-w-none overflow-y-auto rounded-t-2xl border border-vault-line bg-vault-panel p-0 text-vault-text backdrop:bg-black/60 sm:m-auto sm:max-w-md sm:rounded-2xl"
    >
      {tile && (
        <div className="flex flex-col gap-4 p-5">
          <div className="flex items-center gap-3">
            <ItemIcon src={tile.iconUrl} size={64} className="h-16 w-16 shrink-0 rounded-md" />
            <div className="min-w-0">
              <h2 id="item-sheet-title" ref={title} tabIndex={-1} className="truncate text-lg font-semibold outline-none">{tile.name}</h2>
              <p className={`text-sm ${TIER_TEXT[tile.tier]}`}>{tile.known ? [tile.tierName, tile.typeName].filter(Boolean).join(' ') : 'Not in the item database yet'}</p>
            </div>
          </div>
          {/* Actions first: a thumb reaches them without scrolling past stats and perks. */}
          {children}
          {onCompare && (
            <button type="button" onClick={onCompare} className="min-h-11 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg">
              Compare with other {tile.typeName || 'items'}s
            </button>
          )}
          <dl data-testid="item-facts" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
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
          <details className="text-xs text-vault-muted">
            <summary className="cursor-pointer">Item ids</summary>
            <p className="break-all">Item hash {tile.hash}{tile.instanceId ? ` · instance ${tile.instanceId}` : ''}</p>
          </details>
          <form method="dialog">
            <button type="submit" className="min-h-12 w-full rounded-lg border border-vault-line text-base">Close</button>
          </form>
        </div>
      )}
    </dialog>
  );
}
