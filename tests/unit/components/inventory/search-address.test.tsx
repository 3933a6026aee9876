import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeQueryToAddress } from '@/components/inventory/use-item-search';

// The address follows the search box without driving Next's router: Next patches
// history.replaceState and turns a call with a plain state into a router "restore" of the new
// address (a server round trip on a character page, which could reload it under the player's
// fingers). Called with the router's own entry state (`__NA`), the patch only writes the address.
const routerEntry = { __NA: true, __PRIVATE_NEXTJS_INTERNALS_TREE: { tree: ['', {}], renderedSearch: '' } };

afterEach(() => {
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('writeQueryToAddress', () => {
  it("puts the query in ?q= and keeps the router's entry state, so Next writes the address only", () => {
    window.history.replaceState(routerEntry, '', '/characters/2305843009261519028?sort=tier');
    const replace = vi.spyOn(window.history, 'replaceState');
    writeQueryToAddress('is:locked');
    expect(replace).toHaveBeenCalledTimes(1);
    expect(replace.mock.calls[0]![0]).toEqual(routerEntry);
    expect(window.location.pathname + window.location.search).toBe('/characters/2305843009261519028?sort=tier&q=is%3Alocked');
    expect(window.history.state).toEqual(routerEntry);
  });

  it('takes ?q= away for an empty query, and writes nothing when the address already says it', () => {
    window.history.replaceState(routerEntry, '', '/vault?q=is%3Aweapon');
    const replace = vi.spyOn(window.history, 'replaceState');
    writeQueryToAddress('  ');
    expect(window.location.search).toBe('');
    writeQueryToAddress('');
    expect(replace).toHaveBeenCalledTimes(1);
  });
});
