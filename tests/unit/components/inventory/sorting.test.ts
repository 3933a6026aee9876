import { describe, expect, it } from 'vitest';
import { sortTiles } from '@/components/inventory/sorting';
import type { ItemTile } from '@/lib/inventory/types';

const tile = (name: string, extra: Partial<ItemTile> = {}): ItemTile => ({
  key: name, hash: 1, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});

describe('tile sorting', () => {
  const tiles = [
    tile('Bravo', { power: 1990, tier: 'exotic', tierName: 'Exotic', typeName: 'Scout Rifle' }),
    tile('Alpha', { power: 2010 }),
    tile('Charlie', { power: 1995, tier: 'rare', typeName: 'Auto Rifle', equipped: true }),
  ];

  it('sorts by rarity, power, name and type, the equipped item always first', () => {
    expect(sortTiles(tiles, 'tier').map((t) => t.name)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(sortTiles(tiles, 'power').map((t) => t.name)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(sortTiles(tiles, 'name').map((t) => t.name)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(sortTiles(tiles.slice(0, 2), 'type').map((t) => t.name)).toEqual(['Alpha', 'Bravo']);
  });

});
