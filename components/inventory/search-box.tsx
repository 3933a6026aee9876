'use client';

import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, suggest, type SearchError, type SearchIndex, type Suggestion } from '@/lib/search';
import { useHeldValue, type HeldValue } from './held-value';
import { whenIdle } from './when-idle';

type Props = {
  query: string;
  onQueryChange: (query: string) => void;
  index: SearchIndex;
  error: SearchError | null;
  /** A quiet note while a half-typed filter keeps the last result. */
  hint?: string | null;
  /** Items shown now, and on the page in all. */
  matchCount: number;
  total: number;
  /** The player is done with this query (Enter with no suggestion picked, or leaving the box): remember it as recent. */
  onCommit?: () => void;
};

/** The query with the part an error is about marked; a zero-length place shows as a caret. */
function MarkedQuery({ query, error }: { query: string; error: SearchError }) {
  const end = error.offset + error.length;
  return (
    <code className="block overflow-x-auto whitespace-pre font-mono text-xs text-vault-muted" data-testid="search-error-place">
      {query.slice(0, error.offset)}
      <mark className="rounded-sm bg-vault-accent px-0.5 text-vault-bg">{error.length > 0 ? query.slice(error.offset, end) : '▏'}</mark>
      {query.slice(end)}
    </code>
  );
}

/**
 * The search box: an ARIA 1.2 combobox whose list suggests completions for the word at the
 * caret (arrows move, Enter or Tab accepts, Escape closes), the match count, and an inline
 * error that shows where a bad query went wrong.
 */
export function SearchBox({ query, onQueryChange, index, error, hint, matchCount, total, onCommit }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(query.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [pendingCaret, setPendingCaret] = useState<number | null>(null);
  const suggestions = useMemo(() => (open ? suggest(query, caret, index) : []), [open, query, caret, index]);
  const expanded = suggestions.length > 0;

  // The suggestions are set in the monospace font, which nothing else on the page uses: finding it
  // and shaping its first text cost a phone ~12 ms of layout inside the first keystroke. A hidden
  // word set in it once, in idle time after load, pays that before the player types.
  useEffect(() => whenIdle(() => {
    const box = input.current?.parentElement;
    if (!box) return;
    const probe = document.createElement('span');
    probe.className = 'invisible absolute font-mono text-sm';
    probe.setAttribute('aria-hidden', 'true');
    probe.textContent = 'is:weapon';
    box.append(probe);
    void probe.offsetWidth;
    probe.remove();
  }), []);

  useLayoutEffect(() => {
    if (pendingCaret === null || !input.current) return;
    input.current.setSelectionRange(pendingCaret, pendingCaret);
  }, [pendingCaret, query]);

  const accept = (s: Suggestion) => {
    const next = applySuggestion(query, s);
    onQueryChange(next.query);
    setCaret(next.caret);
    setPendingCaret(next.caret);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!expanded) {
        setOpen(true);
        return;
      }
      e.preventDefault();
      const n = suggestions.length;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if ((e.key === 'Enter' || e.key === 'Tab') && expanded && active >= 0 && active < suggestions.length) {
      e.preventDefault();
      accept(suggestions[active]!);
    } else if (e.key === 'Enter') {
      setOpen(false);
      onCommit?.();
    } else if (e.key === 'Escape' && expanded) {
      // Closing the list must not also clear the box (a search input's own Escape).
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const errorId = `${id}-error`;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    // The list opens under the error or count line, so a half-typed query's message stays readable.
    // At least 15rem wide (or the whole row): the controls beside it wrap below on a phone instead.
    <div className="relative flex min-w-[min(100%,15rem)] flex-1 flex-col gap-1">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search items"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : `${id}-count`}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        value={query}
        placeholder="Search: is:weapon -is:locked power:>=1800"
        onChange={(e) => {
          onQueryChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setPendingCaret(null);
          setOpen(true);
          setActive(-1);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? query.length)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          onCommit?.();
        }}
        className="min-h-11 w-full min-w-0 rounded-lg border border-vault-line bg-vault-panel px-3 text-base placeholder:text-vault-muted aria-[invalid=true]:border-vault-accent"
      />
      {error ? (
        <div id={errorId} role="alert" className="flex flex-col gap-0.5 text-sm" data-testid="search-error">
          <p>{error.message}</p>
          <MarkedQuery query={query} error={error} />
        </div>
      ) : (
        <p id={`${id}-count`} className="text-xs text-vault-muted tabular-nums" data-testid="search-count" aria-live="polite">
          {query.trim() ? `${matchCount} of ${total} items match` : `${total} items`}
          {hint && <span data-testid="search-hint"> · {hint}</span>}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label="Search suggestions"
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-10 mt-1 max-h-72 overflow-y-auto rounded-lg border border-vault-line bg-vault-panel py-1 shadow-lg"
      >
        {suggestions.map((s, i) => (
          <li
            key={s.text}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => accept(s)}
            className={`flex min-h-11 cursor-pointer items-center justify-between gap-3 px-3 ${i === active ? 'bg-vault-line' : ''}`}
          >
            <span className="font-mono text-sm">{s.text}</span>
            <span className="truncate text-xs text-vault-muted">{s.hint}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The search box of an item page (use-item-search.ts): its text is read from `box`, so a keystroke
 * re-renders the box alone while the page's result follows in a transition. `error` belongs to the
 * page's query (`pageQuery`): it is shown only while the box still says that query.
 */
export function HeldSearchBox({ box, pageQuery, error, ...props }: Omit<Props, 'query'> & { box: HeldValue<string>; pageQuery: string }) {
  const query = useHeldValue(box, box.get());
  return <SearchBox {...props} query={query} error={query === pageQuery ? error : null} />;
}
