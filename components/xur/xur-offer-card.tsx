import { ItemIcon } from '@/components/inventory/item-icon';
import { TIER_STYLES, TIER_TEXT } from '@/components/inventory/tier-styles';
import type { XurOffer } from '@/lib/inventory/types';

const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/** One offer: icon, name, rarity and type, who can use it, and what it costs. */
export function XurOfferCard({ offer }: { offer: XurOffer }) {
  const className = CLASS_NAMES[offer.classType];
  return (
    <li data-item-hash={offer.hash} data-known={offer.known} className="flex items-center gap-3 rounded-lg border border-vault-line bg-vault-panel p-2">
      <span className={`shrink-0 overflow-hidden rounded-md border-2 ${TIER_STYLES[offer.tier]}`}>
        <ItemIcon src={offer.iconUrl} size={56} className="h-14 w-14" />
      </span>
      <div className="min-w-0 flex-1">
        <h3 className="truncate font-semibold">{offer.name}</h3>
        <p className={`text-sm ${TIER_TEXT[offer.tier]}`}>
          {[offer.tierName, offer.typeName].filter(Boolean).join(' ') || 'Not in the item database yet'}
          {className && <span className="text-vault-muted"> · {className}</span>}
        </p>
        {offer.costs.length > 0 && (
          <ul aria-label="Cost" className="mt-1 flex flex-wrap gap-x-3 text-sm tabular-nums">
            {offer.costs.map((c) => (
              <li key={c.hash} className="flex items-center gap-1">
                {c.iconUrl && <ItemIcon src={c.iconUrl} size={16} className="h-4 w-4" />}
                <span>
                  {c.quantity.toLocaleString('en-GB')} {c.name}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
