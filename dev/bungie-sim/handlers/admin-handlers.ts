import { http, HttpResponse } from 'msw';
import { applyControlPatch, controlPatchSchema, type SimControls } from '../controls';
import type { SimCore } from '../core';

/** `/__sim/*`: switch, inspect and reset the simulator over HTTP (not part of Bungie's API). */
export function adminHandlers(core: SimCore, controls: SimControls) {
  const state = () => ({
    controls: core.state.controls,
    manifest: { version: core.state.manifest.version, contentId: core.state.manifest.contentId },
    characters: core.state.world.characters.map((c) => ({ characterId: c.characterId, classType: c.classType, location: c.location })),
    now: core.now().toISOString(),
  });
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
