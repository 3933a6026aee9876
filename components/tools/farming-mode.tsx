'use client';

import { ItemIcon } from '@/components/inventory/item-icon';
import { engramSentence, FARMING_INTERVAL_MS, movedSentence, stuckSentence } from '@/lib/tools/farming-words';
import { useFarming } from './use-farming';

/**
 * The farming switch of a character (on its page, and in its column of the inventory screen;
 * `compact` there): off by default; while on and the page is open, each full weapon and armour
 * bucket of the character sends its least valuable item to the vault so decrypted drops find a
 * place (and, if ticked, consumables go too), with a running report and the Engrams bucket's fill
 * (engrams cannot go to the vault). Locked, equipped and favourite/keep-tagged items stay; the
 * first refusal turns it off and says why.
 */
export function FarmingMode({ characterId, className, compact = false }: { characterId: string; className: string; compact?: boolean }) {
  const farming = useFarming(characterId);
  const items = farming.moved.filter((m) => m.kind === 'room').length;
  const total = movedSentence(items, farming.moved.length - items);
  const engramsFull = farming.engrams !== null && farming.engrams.count >= farming.engrams.capacity;
  const recent = farming.moved.slice(compact ? -3 : -6).reverse();
  const status = farming.on ? (farming.checked ? total : `Checking your ${className}…`) : farming.moved.length > 0 ? total : '';
  return (
    <section
      aria-label={`Farming mode for your ${className}`}
      data-testid="farming"
      data-on={farming.on}
      className={compact ? 'relative flex flex-col gap-1 bg-black/40 px-2 py-1 text-xs' : 'flex flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-3 text-sm'}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className={`flex items-center gap-2 font-medium ${compact ? 'min-h-8' : 'min-h-11'}`}>
          <input type="checkbox" role="switch" checked={farming.on} onChange={(e) => farming.turnOn(e.target.checked)} className="h-5 w-5" />
          Farming mode
        </label>
        <label className={`flex items-center gap-2 ${compact ? 'min-h-8' : 'min-h-11'}`}>
          <input type="checkbox" checked={farming.consumables} onChange={(e) => farming.setConsumables(e.target.checked)} className="h-5 w-5" />
          Consumables too
        </label>
      </div>
      {!compact && (
        <p className="text-xs text-vault-muted">
          While this page is open, each full weapon and armour slot of your {className} sends its least valuable item to the vault (checked every{' '}
          {FARMING_INTERVAL_MS / 1000} s), so decrypted drops land on your {className}, not at the postmaster
          {farming.consumables ? '; consumable stacks go to the vault too' : ''}. Locked, equipped and favourite- or keep-tagged items stay. Engrams stay
          too: the game does not let them into the vault.
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="farming-status" className="empty:hidden">{status}</p>
      {farming.engrams && (
        <p data-testid="farming-engrams" data-full={engramsFull} className={engramsFull ? 'rounded border border-amber-400/60 bg-amber-950/40 p-1.5' : 'text-vault-muted'}>
          {engramSentence(farming.engrams)}
        </p>
      )}
      {farming.stuck.length > 0 && <p data-testid="farming-stuck" className="rounded border border-amber-400/60 bg-amber-950/40 p-1.5">{stuckSentence(farming.stuck)}</p>}
      {farming.stopped && <p role="alert" data-testid="farming-stopped" className="rounded border border-red-400/60 bg-red-950/40 p-1.5">{farming.stopped}</p>}
      {recent.length > 0 && (
        <ul data-testid="farming-report" aria-label="Moved to the vault, newest first" className="flex flex-col gap-1">
          {recent.map((m, i) => (
            <li key={`${m.itemId}:${m.itemHash}:${i}`} data-item-id={m.itemId} className="flex min-w-0 items-center gap-2">
              <ItemIcon src={m.iconUrl} size={20} className="h-5 w-5 shrink-0 rounded" />
              <span className="truncate">{m.name}{m.quantity > 1 ? ` ×${m.quantity}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
