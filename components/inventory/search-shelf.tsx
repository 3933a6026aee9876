'use client';

import { useId, useState } from 'react';
import type { SearchPrefs } from './use-search-prefs';

type Props = {
  /** The query in the box now, and whether it parses (only a working search can be starred). */
  query: string;
  valid: boolean;
  onPick: (query: string) => void;
  prefs: SearchPrefs;
};

/**
 * Next to the search box: ★ stars the current query (again: unstars it), and "Searches" opens the
 * player's starred and recent searches; picking one puts it in the box.
 */
export function SearchShelf({ query, valid, onPick, prefs: { prefs, change, problem } }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!prefs) return null;
  const trimmed = query.trim();
  const starred = trimmed !== '' && prefs.saved.includes(trimmed);
  const pick = (q: string) => {
    onPick(q);
    setOpen(false);
    void change({ action: 'recent', query: q });
  };
  const button = 'min-h-11 min-w-11 rounded-lg border border-vault-line bg-vault-panel px-2 text-base disabled:opacity-40';
  return (
    <div className="relative flex shrink-0 gap-2">
      <button
        type="button"
        className={button}
        aria-pressed={starred}
        disabled={!trimmed || (!valid && !starred)}
        aria-label={starred ? 'Remove this saved search' : 'Save this search'}
        title={starred ? 'Remove this saved search' : 'Save this search'}
        onClick={() => void change({ action: starred ? 'unsave' : 'save', query: trimmed })}
      >
        {starred ? '★' : '☆'}
      </button>
      <button type="button" className={button} aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen((o) => !o)}>
        Searches
      </button>
      {problem && <p role="alert" className="absolute right-0 top-full z-10 mt-1 w-64 rounded-lg border border-red-400/60 bg-red-950/90 p-2 text-sm">{problem}</p>}
      <div
        id={`${id}-panel`}
        hidden={!open}
        className="absolute right-0 top-full z-10 mt-1 flex w-80 max-w-[90vw] flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-2 shadow-lg"
      >
        <SearchList title="Saved searches" empty="Star a search (☆) to keep it here." queries={prefs.saved} onPick={pick} onRemove={(q) => void change({ action: 'unsave', query: q })} />
        <SearchList title="Recent searches" empty="Searches you run appear here." queries={prefs.recent} onPick={pick} />
      </div>
    </div>
  );
}

function SearchList({ title, empty, queries, onPick, onRemove }: { title: string; empty: string; queries: string[]; onPick: (q: string) => void; onRemove?: (q: string) => void }) {
  return (
    <section aria-label={title} className="flex flex-col gap-1">
      <h3 className="text-xs font-medium text-vault-muted">{title}</h3>
      {queries.length === 0 ? (
        <p className="text-sm text-vault-muted">{empty}</p>
      ) : (
        <ul className="flex flex-col">
          {queries.map((q) => (
            <li key={q} className="flex items-center gap-1">
              <button type="button" className="min-h-11 flex-1 truncate rounded px-2 text-left font-mono text-sm hover:bg-vault-line" onClick={() => onPick(q)}>
                {q}
              </button>
              {onRemove && (
                <button type="button" className="min-h-11 min-w-11 rounded text-vault-muted hover:bg-vault-line" aria-label={`Remove saved search ${q}`} onClick={() => onRemove(q)}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
