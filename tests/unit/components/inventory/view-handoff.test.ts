import { describe, expect, it } from 'vitest';
import { carryView, dataBlockText, takeHandedView } from '@/components/inventory/view-handoff';
import { viewOfTicket } from '@/components/inventory/use-live-view';

// A page load carries its view outside the RSC payload: the page leaves the object for the same
// request's server render (under a fresh id), which writes the JSON once as a data block. A
// client-side navigation renders no HTML, so its ticket carries the text.
describe('the view a page carries to its client screen', () => {
  it('waits for a page load’s server render under a fresh id, once, and is not in the ticket', () => {
    const view = { vault: { count: 2, items: [{ key: 'a', name: 'Ace </script><!-- of Spades' }] } };
    const ticket = carryView(view, true);
    expect(ticket.json).toBeUndefined();
    expect(ticket.id).toMatch(/^vr-view-[0-9a-f-]{36}$/);
    // Another page load of the same view gets another id: nothing of one request is found under another's.
    const other = carryView(view, true);
    expect(other.id).not.toBe(ticket.id);
    const handed = takeHandedView<typeof view>(ticket.id);
    expect(handed?.view).toBe(view);
    // The block's text is the same JSON, with no `<` that could end the <script> it is written in.
    expect(handed?.text).not.toContain('<');
    expect(JSON.parse(handed!.text)).toEqual(view);
    expect(takeHandedView(ticket.id)).toBeUndefined();
    expect(viewOfTicket(other)).toEqual({ view, text: dataBlockText(JSON.stringify(view)) });
    expect(viewOfTicket(other)).toEqual({ view: undefined, text: null });
  });

  it('carries the JSON itself when no HTML is rendered, and leaves nothing waiting', () => {
    const view = { count: 1 };
    const ticket = carryView(view, false);
    expect(ticket.json).toBe(JSON.stringify(view));
    expect(takeHandedView(ticket.id)).toBeUndefined();
    expect(viewOfTicket(ticket)).toEqual({ view, text: null });
  });

  it('drops a view nobody took after a minute, and holds at most 32 (the oldest go first)', () => {
    const old = carryView({ id: 'old' }, true, 1_000);
    const fresh = carryView({ id: 'new' }, true, 61_001);
    expect(takeHandedView(old.id)).toBeUndefined();
    expect(takeHandedView(fresh.id)?.view).toEqual({ id: 'new' });

    const tickets = Array.from({ length: 40 }, (_, i) => carryView({ i }, true, 100_000));
    const found = tickets.map((t) => takeHandedView<{ i: number }>(t.id)?.view.i);
    expect(found.filter((i) => i !== undefined)).toEqual(Array.from({ length: 32 }, (_, k) => k + 8));
  });
});
