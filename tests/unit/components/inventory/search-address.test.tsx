import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeQueryToAddress } from '@/components/inventory/use-item-search';

// The address follows the search box without driving Next's router: Next patches
// window.history.replaceState and turns a call with a state that is not its own into a router
// "restore" of the new address (a server round trip on a character page, which could reload it
// under the player's fingers, and which leaves the query in the router's own address).
const routerEntry = { __NA: true, __PRIVATE_NEXTJS_INTERNALS_TREE: { tree: ['', {}], renderedSearch: '' } };
/** What Next's patch would turn into router actions: every call that reaches it. */
let routerSaw: unknown[][];

beforeEach(() => {
  routerSaw = [];
  const browsers = History.prototype.replaceState;
  // As Next does on hydration: an own property on the instance, in front of the browser's method.
  window.history.replaceState = function (this: History, ...args: Parameters<History['replaceState']>) {
    routerSaw.push(args);
    return browsers.apply(this, args);
  };
});

afterEach(() => {
  vi.restoreAllMocks();
  delete (window.history as Partial<History>).replaceState;
  window.history.replaceState(null, '', '/');
});

describe('writeQueryToAddress', () => {
  it("puts the query in ?q= and keeps the router's entry state, without calling Next's patched replaceState", () => {
    History.prototype.replaceState.call(window.history, routerEntry, '', '/characters/2305843009261519028?sort=tier');
    writeQueryToAddress('is:locked');
    expect(routerSaw).toEqual([]);
    expect(window.location.pathname + window.location.search).toBe('/characters/2305843009261519028?sort=tier&q=is%3Alocked');
    expect(window.history.state).toEqual(routerEntry);
  });

  it('never reaches the router, even while the entry holds no router state (a plain state is what Next restores)', () => {
    History.prototype.replaceState.call(window.history, null, '', '/characters/2305843009261519028');
    writeQueryToAddress('power:>=1');
    expect(routerSaw).toEqual([]);
    expect(window.location.search).toBe('?q=power%3A%3E%3D1');
    expect(window.history.state).toBeNull();
  });

  it('takes ?q= away for an empty query, and writes nothing when the address already says it', () => {
    History.prototype.replaceState.call(window.history, routerEntry, '', '/vault?q=is%3Aweapon');
    const write = vi.spyOn(History.prototype, 'replaceState');
    writeQueryToAddress('  ');
    expect(window.location.search).toBe('');
    writeQueryToAddress('');
    expect(write).toHaveBeenCalledTimes(1);
    expect(routerSaw).toEqual([]);
  });
});
