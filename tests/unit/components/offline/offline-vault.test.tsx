import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineVault } from '@/components/offline/offline-vault';
import { clearVaultSnapshot, readVaultSnapshot, saveVaultSnapshot, SNAPSHOT_KEY, snapshotOf } from '@/components/offline/vault-snapshot';
import type { ItemTile, VaultView } from '@/lib/inventory/types';

let online = false;
beforeEach(() => {
  online = false;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

const tile = (n: number, extra: Partial<ItemTile> = {}): ItemTile => ({
  key: `k${n}`, hash: 1000 + n, instanceId: `46116860184${n}`, known: true, name: `Item ${n}`, iconUrl: `https://www.bungie.net/common/destiny2_content/icons/${n}.jpg`,
  tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon', power: 1800 + n, damageType: 'Solar', locked: n % 2 === 0, masterwork: false,
  quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3, location: { kind: 'vault' }, ...extra,
}) as ItemTile;

const view = {
  characters: [], unknownHashes: [], manifest: { versionId: 'v1', fromBackup: false }, count: 3, capacity: 1300,
  groups: [
    { id: 'weapons', label: 'Weapons', count: 2, sections: [{ bucketHash: 1, name: 'Kinetic Weapons', items: [tile(1), tile(2)], count: 2, capacity: null }] },
    { id: 'account', label: 'Consumables', count: 1, sections: [{ bucketHash: 2, name: 'Consumables', items: [tile(3, { power: null, quantity: 37, tier: 'common', instanceId: undefined })], count: 1, capacity: null }] },
  ],
} as unknown as VaultView;

describe('the vault snapshot kept for the offline shell', () => {
  it('keeps only what the shell draws: names, rarity, power, counts and marks — no icons, hashes, ids or definitions', () => {
    const snapshot = snapshotOf(view, 1_700_000_000_000);
    expect(snapshot).toEqual({
      v: 1, asOf: 1_700_000_000_000, count: 3, capacity: 1300,
      groups: [
        { label: 'Weapons', sections: [{ name: 'Kinetic Weapons', tiles: [
          { name: 'Item 1', tier: 'legendary', power: 1801, quantity: 1, locked: false, equipped: false },
          { name: 'Item 2', tier: 'legendary', power: 1802, quantity: 1, locked: true, equipped: false },
        ] }] },
        { label: 'Consumables', sections: [{ name: 'Consumables', tiles: [{ name: 'Item 3', tier: 'common', power: null, quantity: 37, locked: false, equipped: false }] }] },
      ],
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/bungie\.net|4611686018|1498876634|Hand Cannon/);
  });

  it('is saved, read back and removed; anything else under its key reads as none', () => {
    saveVaultSnapshot(view, 5);
    expect(readVaultSnapshot()?.asOf).toBe(5);
    clearVaultSnapshot();
    expect(readVaultSnapshot()).toBeNull();
    localStorage.setItem(SNAPSHOT_KEY, '{"v":2}');
    expect(readVaultSnapshot()).toBeNull();
    localStorage.setItem(SNAPSHOT_KEY, 'not json');
    expect(readVaultSnapshot()).toBeNull();
  });
});

describe('OfflineVault', () => {
  it('draws the saved vault as of its time, every tile disabled', () => {
    const asOf = Date.UTC(2026, 10, 30, 6, 0, 0);
    saveVaultSnapshot(view, asOf);
    render(<OfflineVault />);
    expect(screen.getByTestId('vault-count').textContent).toBe('3 / 1300');
    expect(screen.getByTestId('as-of').textContent).toMatch(/^As of .+ \(read-only\)$/);
    expect(screen.getByTestId('as-of').querySelector('time')?.getAttribute('datetime')).toBe(new Date(asOf).toISOString());
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Item 11801', 'Item 21802', 'Item 337']);
    for (const button of buttons) expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('heading', { level: 2, name: 'Weapons' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^You are offline\./);
    // The network comes back: the notice offers the reload (the tiles stay disabled).
    online = true;
    act(() => void window.dispatchEvent(new Event('online')));
    expect(screen.getByRole('status').textContent).toMatch(/^The network is back\. Reload/);
  });

  it('says how to get a copy when none is saved', () => {
    render(<OfflineVault />);
    expect(screen.getByText(/No vault saved in this browser yet/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
