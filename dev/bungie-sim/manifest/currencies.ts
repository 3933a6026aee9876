import { Currency, ICON_ROOT } from '../constants';

// The currencies bucket of the real game; no character or vault pool draws from it.
const CURRENCIES_BUCKET = 2689798308;

const NAMES: [number, string, string][] = [
  [Currency.Glimmer, 'Glimmer', 'The currency of the Last City.'],
  [Currency.LegendaryShards, 'Legendary Shards', 'Dismantled legendary gear; Xûr takes them.'],
  [Currency.StrangeCoin, 'Strange Coin', 'A coin of uncertain origin.'],
];

/**
 * Item definitions of the currencies vendors charge (vendor costs are items too), so a Xûr
 * page can name and picture its prices as it does on bungie.net.
 */
export function currencyDefinitions(): object[] {
  return NAMES.map(([hash, name, description], index) => ({
    displayProperties: { description, name, icon: `${ICON_ROOT}/currency_${hash}.png`, iconHash: 0, iconSequences: [], highResIcon: '', hasIcon: true },
    itemTypeDisplayName: 'Currency',
    itemTypeAndTierDisplayName: 'Currency',
    inventory: { maxStackSize: 999_999_999, bucketTypeHash: CURRENCIES_BUCKET, tierTypeName: '', tierType: 1, isInstanceItem: false, stackUniqueLabel: '' },
    itemType: 0,
    itemSubType: 0,
    classType: 3,
    equippable: false,
    defaultDamageType: 0,
    damageTypeHashes: [],
    damageTypes: [],
    nonTransferrable: true,
    hash,
    index: 900_000 + index,
    redacted: false,
  }));
}
