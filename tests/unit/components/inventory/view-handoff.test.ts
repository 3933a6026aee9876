import { describe, expect, it } from 'vitest';
import { handOffView, takeHandedView } from '@/components/inventory/view-handoff';
import { unpackView } from '@/lib/inventory/view-wire';

// The server render of a screen takes the view its page built instead of parsing the page's JSON
// again: only under exactly that text, once, and nothing waits long.
describe('the view handed from a page to its server render', () => {
  it('is the JSON text for the browser, and the very object for one take under that text', () => {
    const view = { vault: { count: 2, items: [{ key: 'a' }, { key: 'b' }] } };
    const json = handOffView(view);
    // The text is the packed view (lib/inventory/view-wire.ts), which the browser unpacks into the same view.
    expect(JSON.parse(json)).toMatchObject({ $packed: 1 });
    expect(unpackView(JSON.parse(json))).toStrictEqual(view);
    // Another request's text (another view, or the same view as another string value) finds nothing of it.
    expect(takeHandedView(JSON.stringify({ vault: { count: 1, items: [] } }))).toBeUndefined();
    expect(takeHandedView(JSON.stringify(view))).toBeUndefined();
    expect(takeHandedView(`${json.slice(0, -1)}}`)).toBe(view);
    expect(takeHandedView(json)).toBeUndefined();
  });

  it('drops a view nobody took after ten seconds, and never holds more than sixteen', () => {
    const old = { id: 'old' };
    const oldJson = handOffView(old, 1_000);
    const newJson = handOffView({ id: 'new' }, 11_001);
    expect(takeHandedView(oldJson)).toBeUndefined();
    expect(takeHandedView(newJson)).toEqual({ id: 'new' });

    const texts = Array.from({ length: 20 }, (_, i) => handOffView({ i }, 50_000));
    expect(texts.filter((t) => takeHandedView(t) !== undefined)).toHaveLength(16);
    expect(takeHandedView(texts[19]!)).toBeUndefined();
  });
});
