import { http, HttpResponse } from 'msw';
import { applyControlPatch, controlPatchSchema, type SimControls } from '../controls';
import type { SimCore } from '../core';
import type { SimItemDefinition } from '../manifest/item-generator';
import { profileWorlds } from '../world/second-profile';
import { primaryMembership, type SimItem, type World } from '../world/world';
import { itemDetails } from '../world/item-details';

/** `/__sim/*`: switch, inspect and reset the simulator over HTTP (not part of Bungie's API). */
export function adminHandlers(core: SimCore, controls: SimControls) {
  const state = () => ({
    controls: core.state.controls,
    manifest: { version: core.state.manifest.version, contentId: core.state.manifest.contentId },
    characters: core.state.world.characters.map((c) => ({ characterId: c.characterId, classType: c.classType, location: c.location })),
    // Every Destiny profile of the player (one unless `secondProfile` is on), with its characters.
    profiles: profileWorlds(core.state.world).map((w) => ({ ...primaryMembership(w), characterIds: w.characters.map((c) => c.characterId) })),
    crossSave: core.state.world.player.crossSave,
    now: core.now().toISOString(),
  });
  // `?membershipId=` names another of the player's profiles; the primary one by default.
  const profile = (request: Request): World => {
    const id = new URL(request.url).searchParams.get('membershipId');
    return (id && profileWorlds(core.state.world).find((w) => primaryMembership(w).membershipId === id)) || core.state.world;
  };
  let saved: SimItem[] | undefined;
  return [
    http.post('*/__sim/control', async ({ request }) => {
      const parsed = controlPatchSchema.safeParse(await request.json().catch(() => undefined));
      if (!parsed.success) return HttpResponse.json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, { status: 400 });
      try {
        return HttpResponse.json({ ...applyControlPatch(controls, parsed.data), state: state() });
      } catch (error) {
        return HttpResponse.json({ error: (error as Error).message }, { status: 400 });
      }
    }),
    http.get('*/__sim/stats', () => HttpResponse.json(core.state.stats)),
    http.get('*/__sim/state', () => HttpResponse.json(state())),
    // The vault as the world holds it, with each item's definition facts: browser tests compare pages with it.
    http.get('*/__sim/vault', ({ request }) => {
      const defs = core.state.manifest.tables.get('DestinyInventoryItemDefinition');
      const world = profile(request);
      const items = world.items.filter((i) => i.owner === 'vault').map((i) => {
        const def = defs?.get(i.itemHash) as { itemType?: number; inventory?: { bucketTypeHash?: number } } | undefined;
        return { itemHash: i.itemHash, itemInstanceId: i.itemInstanceId ?? null, quantity: i.quantity, known: def !== undefined, itemType: def?.itemType ?? null, bucketTypeHash: def?.inventory?.bucketTypeHash ?? null };
      });
      return HttpResponse.json({ capacity: world.vaultCapacity, items });
    }),
    // Keep the world's items and put them back: a test that wanders the inventory (the journey test)
    // leaves the world as the next test file expects it.
    http.post('*/__sim/world/save', () => {
      saved = structuredClone(core.state.world.items);
      return HttpResponse.json({ ok: true, items: saved.length });
    }),
    http.post('*/__sim/world/restore', () => {
      if (!saved) return HttpResponse.json({ error: 'nothing saved' }, { status: 409 });
      core.state.world.items = structuredClone(saved);
      return HttpResponse.json({ ok: true, items: saved.length });
    }),
    // Where every item is now (owner, bucket, equipped, locked): the journey test compares each screen with it.
    http.get('*/__sim/items', ({ request }) =>
      HttpResponse.json({
        items: profile(request).items.map((i) => ({ itemHash: i.itemHash, itemInstanceId: i.itemInstanceId ?? null, quantity: i.quantity, owner: i.owner, bucketHash: i.bucketHash, homeBucketHash: i.homeBucketHash, equipped: i.equipped, locked: i.locked })),
      }),
    ),
    // One instance's stats and plugs by name, as the game shows them: browser tests compare the item sheet with it.
    http.get('*/__sim/item/:instanceId', ({ params }) => {
      const item = core.state.world.items.find((i) => i.itemInstanceId === params.instanceId);
      if (!item) return HttpResponse.json({ error: 'no such item' }, { status: 404 });
      const tables = core.state.manifest.tables;
      const name = (table: string, hash: number) => (tables.get(table)?.get(hash) as { displayProperties?: { name?: string } } | undefined)?.displayProperties?.name ?? null;
      const details = itemDetails(item, tables.get('DestinyInventoryItemDefinition')?.get(item.itemHash) as SimItemDefinition | undefined);
      return HttpResponse.json({
        stats: Object.values(details.stats).map((s) => ({ name: name('DestinyStatDefinition', s.statHash), value: s.value })),
        sockets: details.sockets.map((s, index) => ({
          active: s.plugHash === undefined ? null : name('DestinyInventoryItemDefinition', s.plugHash),
          options: (details.reusablePlugs[index] ?? []).map((p) => name('DestinyInventoryItemDefinition', p.plugItemHash)),
        })),
      });
    }),
    // Every token the simulator has issued: lets browser tests prove none reaches a page or a log.
    http.get('*/__sim/issued-tokens', () =>
      HttpResponse.json({ access: [...core.state.auth.access.keys()], refresh: [...core.state.auth.refresh.keys()] }),
    ),
    http.post('*/__sim/reset', () => {
      controls.reset();
      return HttpResponse.json({ ok: true, state: state() });
    }),
  ];
}
