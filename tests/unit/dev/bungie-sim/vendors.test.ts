import type { DestinyPublicVendorsResponse, DestinyVendorsResponse } from 'bungie-api-ts/destiny2';
import { describe, expect, it } from 'vitest';
import { ok, useSimulator, type Harness } from './sim-harness';

const XUR = 2190858386;
type Envelope<T> = { ErrorCode: number; Response?: T };

async function vendors(h: Harness, now: string) {
  h.sim.controls.setNow(now);
  const m = h.membership();
  const character = h.sim.world.characters[0]?.characterId;
  const token = (await h.signIn()).access_token;
  return ok((await h.api<Envelope<Partial<DestinyVendorsResponse>>>(`/Destiny2/${m.type}/Profile/${m.id}/Character/${character}/Vendors/?components=400,401,402`, { token })).body);
}

describe('Bungie simulator vendors and Xûr', () => {
  const harness = useSimulator();

  it.each([
    ['2026-11-27T16:59:00Z', false], // Friday before reset
    ['2026-11-27T17:00:00Z', true], // Friday reset
    ['2026-11-29T09:00:00Z', true], // Sunday
    ['2026-12-01T16:59:00Z', true], // Tuesday before reset
    ['2026-12-01T17:00:00Z', false], // Tuesday reset
    ['2026-12-02T12:00:00Z', false], // Wednesday
  ])('at %s Xûr present = %s', async (now, present) => {
    const h = harness();
    const v = await vendors(h, now);
    expect(Object.keys(v.vendors?.data ?? {}).map(Number).includes(XUR)).toBe(present);
    expect(Object.keys(v.sales?.data ?? {}).map(Number).includes(XUR)).toBe(present);
  });

  it('sells Xûr stock that exists in the manifest and refreshes on Tuesday', async () => {
    const h = harness();
    const v = await vendors(h, '2026-11-28T12:00:00Z');
    const sales = Object.values(v.sales?.data?.[XUR]?.saleItems ?? {});
    expect(sales).toHaveLength(4);
    const items = h.sim.manifest.tables.get('DestinyInventoryItemDefinition');
    expect(sales.every((s) => (items?.get(s.itemHash) as { inventory?: { tierType: number } }).inventory?.tierType === 6)).toBe(true);
    expect(v.vendors?.data?.[XUR]?.nextRefreshDate).toBe('2026-12-01T17:00:00.000Z');
    expect(v.categories?.data?.[XUR]?.categories[0]?.itemIndexes).toEqual([0, 1, 2, 3]);
  });

  it('serves a public preview without a token that omits Xûr per-character stock', async () => {
    const h = harness();
    h.sim.controls.setNow('2026-11-28T12:00:00Z');
    const res = await h.api<Envelope<Partial<DestinyPublicVendorsResponse>>>('/Destiny2/Vendors/?components=400,402');
    const v = ok(res.body);
    expect(v.vendors?.data?.[XUR]?.enabled).toBe(true);
    expect(Object.keys(v.sales?.data?.[XUR]?.saleItems ?? {})).toHaveLength(1);
    expect(v.categories).toBeUndefined();
  });

  it('needs a token for the character call and a real character', async () => {
    const h = harness();
    const m = h.membership();
    const path = `/Destiny2/${m.type}/Profile/${m.id}/Character/${h.sim.world.characters[0]?.characterId}/Vendors/?components=400`;
    expect((await h.api(path)).status).toBe(401);
    const token = (await h.signIn()).access_token;
    expect((await h.api(`/Destiny2/${m.type}/Profile/${m.id}/Character/1/Vendors/?components=400`, { token })).body.ErrorCode).toBe(1620);
  });
});
