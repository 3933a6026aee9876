import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SWRConfig } from 'swr';
import { LiveVault } from '@/components/inventory/live-vault';
import type { ItemTile, VaultView } from '@/lib/inventory/types';
import { itemBrowserRead } from '@/tests/support/item-browser-reads';
import { stubPageApis } from '@/tests/support/jsdom-page';
import { packView } from '@/lib/inventory/view-wire';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn() }), useSearchParams: () => new URLSearchParams(), usePathname: () => '/vault' }));

// The vault's refresh (issue #15): `/api/profile` every 30 s names the version of the player's tags
// and notes (`X-Marks-Version`); the page reads `/api/annotations` only when that changed.
const ACE = '6917529000000000001';
const tile = (id: string, name: string): ItemTile => ({
  key: id, hash: 101, instanceId: id, known: false, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' },
});
const view: VaultView = {
  characters: [],
  unknownHashes: [],
  manifest: { versionId: 'v1', fromBackup: false },
  groups: [{ id: 'weapons', label: 'Weapons', count: 2, sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 2, capacity: null, items: [tile(ACE, 'Ace of Spades'), tile('6917529000000000002', 'Thorn')] }] }],
  count: 2,
  capacity: 600,
};

/** The server as the page meets it: the version it names (null: none, as outside cloud mode) and the stored tags. */
const server = { version: null as string | null, tags: {} as Record<string, string> };
let reads: string[];

function answerServer() {
  reads = [];
  const versioned = (body: unknown) => Response.json(body, { headers: server.version ? { 'X-Marks-Version': server.version } : {} });
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/api/profile?packed=1' || url === '/api/annotations') reads.push(url.replace('?packed=1', ''));
    // The page asks for the packed view, as the route answers it to `?packed=1` (lib/inventory/view-wire.ts).
    if (url === '/api/profile?packed=1') return versioned(packView(view));
    if (url === '/api/annotations') return versioned({ annotations: Object.entries(server.tags).map(([instanceId, tag]) => ({ instanceId, tag, notes: null, updatedAt: '2026-11-30T00:00:00Z' })) });
    return itemBrowserRead(url, init.method) ?? Response.json({ error: { code: 'unexpected', message: `no stand-in for ${url}` } }, { status: 500 });
  }) as unknown as typeof fetch;
}

const count = (url: string) => reads.filter((r) => r === url).length;
const tagOf = (id: string) => document.querySelector(`button[data-item-id="${id}"]`)?.getAttribute('data-tag') ?? null;
/** Moves the page's clock one refresh period on, and lets the answers land. */
const nextRefresh = () => act(async () => void (await vi.advanceTimersByTimeAsync(30_000)));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  stubPageApis();
  server.tags = {};
  answerServer();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const renderVault = () =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LiveVault initialJson={JSON.stringify(packView(view))} />
    </SWRConfig>,
  );

describe('the vault page’s 30 s refresh', () => {
  it('reads the tags and notes once, then not while the poll names the same version; another device’s tag shows at the next refresh', async () => {
    server.version = 'a1';
    renderVault();
    // The first poll: which version the rendered tiles are is not known, so the list is read once.
    await nextRefresh();
    expect([count('/api/profile'), count('/api/annotations')]).toEqual([1, 1]);
    for (let i = 2; i <= 4; i++) {
      await nextRefresh();
      expect([count('/api/profile'), count('/api/annotations')]).toEqual([i, 1]);
    }
    expect(tagOf(ACE)).toBeNull();
    // Another device tags the Ace: the server's version changes, and the next poll names it.
    server.tags[ACE] = 'junk';
    server.version = 'b2';
    await nextRefresh();
    expect([count('/api/profile'), count('/api/annotations')]).toEqual([5, 2]);
    expect(tagOf(ACE)).toBe('junk');
    await nextRefresh();
    expect([count('/api/profile'), count('/api/annotations')]).toEqual([6, 2]);
  });

  it('reads the tags and notes at every refresh when the poll names no version (outside cloud mode)', async () => {
    server.version = null;
    renderVault();
    for (let i = 1; i <= 3; i++) {
      await nextRefresh();
      expect([count('/api/profile'), count('/api/annotations')]).toEqual([i, i]);
    }
    server.tags[ACE] = 'favorite';
    await nextRefresh();
    expect(tagOf(ACE)).toBe('favorite');
  });

  it('reads them when a poll fails (the answer names nothing), so Bungie being down does not hold other devices’ tags back', async () => {
    server.version = 'a1';
    renderVault();
    await nextRefresh();
    expect(count('/api/annotations')).toBe(1);
    const answer = globalThis.fetch;
    globalThis.fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url !== '/api/profile?packed=1') return answer(url, init);
      reads.push('/api/profile');
      return Response.json({ error: { code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance.' } }, { status: 503 });
    }) as unknown as typeof fetch;
    server.tags[ACE] = 'keep';
    await nextRefresh();
    expect(count('/api/annotations')).toBe(2);
    expect(tagOf(ACE)).toBe('keep');
  });
});
