import type { Tier } from '@/lib/inventory/types';

/** Border and wash of a tile by rarity; spelled out in full so Tailwind sees every class. */
export const TIER_STYLES: Record<Tier, string> = {
  exotic: 'border-tier-exotic bg-tier-exotic/20',
  legendary: 'border-tier-legendary bg-tier-legendary/40',
  rare: 'border-tier-rare bg-tier-rare/30',
  uncommon: 'border-tier-uncommon bg-tier-uncommon/30',
  common: 'border-tier-common bg-tier-common/10',
  currency: 'border-vault-line bg-vault-panel',
  unknown: 'border-dashed border-vault-accent bg-vault-panel',
};

/** Text colour for a rarity name on the dark background. */
export const TIER_TEXT: Record<Tier, string> = {
  exotic: 'text-tier-exotic',
  legendary: 'text-[#b58fd1]',
  rare: 'text-[#8fb3df]',
  uncommon: 'text-[#7fbf8c]',
  common: 'text-tier-common',
  currency: 'text-vault-muted',
  unknown: 'text-vault-accent',
};
