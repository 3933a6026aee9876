import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { holdValue } from '@/components/inventory/held-value';
import { HeldSearchBox, SearchBox } from '@/components/inventory/search-box';
import { indexItems, parse, type SearchIndex } from '@/lib/search';

afterEach(cleanup);

const index: SearchIndex = { ...indexItems([]), typeNames: ['Hand Cannon', 'Scout Rifle'] };

/** The box as the item browser holds it: a controlled query, the parse error shown at once. */
function Harness({ initial = '' }: { initial?: string }) {
  const [query, setQuery] = useState(initial);
  const parsed = parse(query);
  return <SearchBox query={query} onQueryChange={setQuery} index={index} error={parsed.ok ? null : parsed.error} matchCount={7} total={20} />;
}

const box = () => screen.getByRole('combobox', { name: 'Search items' }) as HTMLInputElement;
function type(value: string) {
  fireEvent.change(box(), { target: { value, selectionStart: value.length } });
}

describe('SearchBox', () => {
  it('is a combobox whose list opens with completions for the word being typed', () => {
    render(<Harness />);
    expect(box().getAttribute('aria-expanded')).toBe('false');
    type('is:ex');
    expect(box().getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['is:exoticexotic rarity']);
    expect(box().getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
  });

  it('moves through suggestions with the arrows and accepts with Enter', () => {
    render(<Harness />);
    type('type:');
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    const active = screen.getByRole('option', { selected: true });
    expect(active.textContent).toContain('type:"scout rifle"');
    expect(box().getAttribute('aria-activedescendant')).toBe(active.id);
    fireEvent.keyDown(box(), { key: 'ArrowUp' });
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('type:"hand cannon"');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('type:"hand cannon" ');
  });

  it('lets Tab leave the box when no suggestion is picked, and Escape close the list without clearing', () => {
    render(<Harness />);
    type('is:lo');
    const tab = fireEvent.keyDown(box(), { key: 'Tab' });
    expect(tab).toBe(true);
    expect(box().value).toBe('is:lo');
    const escape = fireEvent.keyDown(box(), { key: 'Escape' });
    expect(escape).toBe(false);
    expect(box().getAttribute('aria-expanded')).toBe('false');
    expect(box().value).toBe('is:lo');
  });

  it('shows a bad query inline with the wrong part marked, and the count otherwise', () => {
    render(<Harness initial="is:weapon is:foo" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Unknown filter is:foo — try is:/);
    expect(alert.querySelector('mark')?.textContent).toBe('is:foo');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(box().getAttribute('aria-describedby')).toBe(alert.id);
    type('is:weapon');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('search-count').textContent).toBe('7 of 20 items match');
  });

  it('marks the operator or the open quote an error is about', () => {
    render(<Harness initial="(is:arc or" />);
    expect(screen.getByRole('alert').querySelector('mark')?.textContent).toBe('or');
    type('name:"open');
    expect(screen.getByRole('alert').querySelector('mark')?.textContent).toBe('"open');
  });

  it('held: shows the text in the box, and the page query\'s error only while the box still says that query', () => {
    const held = holdValue('is:foo');
    const error = parse('is:foo');
    if (error.ok) throw new Error('is:foo should not parse');
    const view = (pageQuery: string) => <HeldSearchBox box={held} pageQuery={pageQuery} onQueryChange={(q) => held.set(q)} index={index} error={error.error} matchCount={7} total={20} />;
    const { rerender } = render(view('is:foo'));
    expect(box().value).toBe('is:foo');
    expect(screen.getByRole('alert').querySelector('mark')?.textContent).toBe('is:foo');
    // A keystroke the page has not followed yet: the box says it at once, the old error is gone.
    type('is:fo');
    expect(box().value).toBe('is:fo');
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(view('is:fo'));
    expect(screen.getByRole('alert')).toBeTruthy();
  });
});
