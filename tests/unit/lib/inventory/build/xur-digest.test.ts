import { describe, expect, it } from 'vitest';
import { xurDigestMessage } from '@/lib/inventory/build/xur-digest';
import type { XurView } from '@/lib/inventory/types';

const present: XurView = {
  present: true,
  source: 'public',
  name: 'Xûr',
  subtitle: 'Agent of the Nine',
  location: null,
  leavesAt: '2026-12-01T17:00:00.000Z',
  unknownHashes: [],
  offers: [
    { key: '0', hash: 1, known: true, name: 'Silent Orbit', iconUrl: null, tier: 'exotic', tierName: 'Exotic', typeName: 'Scout Rifle', classType: 3, costs: [{ hash: 2, name: 'Legendary Shards', iconUrl: null, quantity: 29 }] },
    { key: '1', hash: 3, known: true, name: 'Iron Ember', iconUrl: null, tier: 'exotic', tierName: 'Exotic', typeName: 'Titan Gauntlets', classType: 0, costs: [{ hash: 4, name: 'Glimmer', iconUrl: null, quantity: 25000 }, { hash: 2, name: 'Legendary Shards', iconUrl: null, quantity: 10 }] },
  ],
};

describe('xurDigestMessage', () => {
  it('lists each offer with its price and when he leaves, for Slack and Discord alike', () => {
    const message = xurDigestMessage(present, 'https://vault-raider.example/');
    expect(message?.text).toBe(
      [
        'Xûr is here until Tuesday 1 December, 17:00 UTC. This week:',
        '• Silent Orbit — Exotic Scout Rifle: 29 Legendary Shards',
        '• Iron Ember — Exotic Titan Gauntlets (Titan): 25,000 Glimmer + 10 Legendary Shards',
        'https://vault-raider.example/xur',
      ].join('\n'),
    );
    expect(message?.content).toBe(message?.text);
  });

  it('has nothing to post when he is away', () => {
    expect(xurDigestMessage({ present: false, source: 'public', name: 'Xûr', returnsAt: '2026-12-04T17:00:00.000Z' }, 'https://x.example')).toBeNull();
  });
});
