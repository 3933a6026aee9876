'use client';

import { useState } from 'react';
import { MAX_NOTES_LENGTH, TAG_INFO, TAGS, type Tag } from '@/lib/annotations/tags';
import type { ItemTile } from '@/lib/inventory/types';
import type { Annotations } from './use-annotations';

const chip = 'min-h-11 rounded-lg border px-2 text-sm font-medium disabled:opacity-50';

/**
 * The sheet's tag picker and note field for one instanced item. A tag is saved on the tap; a note
 * when "Save note" is pressed (at most 500 characters). Both show on the tile at once and on the
 * player's other devices at their next refresh; a refusal puts the old value back with its sentence.
 */
export function ItemMarks({ tile, annotations }: { tile: ItemTile & { instanceId: string }; annotations: Annotations }) {
  const saved = tile.notes ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const text = draft ?? saved;
  const dirty = draft !== null && draft.trim() !== saved;

  async function save(change: { tag?: Tag | null; notes?: string | null }, done: string) {
    setBusy(true);
    setProblem(null);
    setStatus('Saving…');
    const outcome = await annotations.set(tile.instanceId, change);
    setBusy(false);
    setStatus(outcome.ok ? done : '');
    if (!outcome.ok) setProblem(outcome.message);
    else if (change.notes !== undefined) setDraft(null);
  }

  const current = tile.tag ?? null;
  return (
    <section aria-label="Tag and note" className="flex flex-col gap-2">
      <div role="radiogroup" aria-label="Tag" className="flex flex-wrap gap-1.5">
        {[null, ...TAGS].map((tag) => {
          const checked = current === tag;
          return (
            <button
              key={tag ?? 'none'}
              type="button"
              role="radio"
              aria-checked={checked}
              disabled={busy}
              data-tag-choice={tag ?? 'none'}
              onClick={() => !checked && void save({ tag }, tag ? `Tagged ${TAG_INFO[tag].label}.` : 'Tag cleared.')}
              className={`${chip} ${checked ? 'border-vault-accent bg-vault-accent/15 text-vault-text' : 'border-vault-line text-vault-muted hover:bg-vault-bg'}`}
            >
              {tag ? (
                <>
                  <span aria-hidden className="mr-1">{TAG_INFO[tag].glyph}</span>
                  {TAG_INFO[tag].label}
                </>
              ) : (
                'No tag'
              )}
            </button>
          );
        })}
      </div>
      <form
        className="flex flex-col gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void save({ notes: text.trim() }, text.trim() ? 'Note saved.' : 'Note cleared.');
        }}
      >
        <label htmlFor={`notes-${tile.instanceId}`} className="flex justify-between text-sm text-vault-muted">
          <span>Note</span>
          <span className="tabular-nums" aria-hidden>{text.length} / {MAX_NOTES_LENGTH}</span>
        </label>
        <textarea
          id={`notes-${tile.instanceId}`}
          value={text}
          maxLength={MAX_NOTES_LENGTH}
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="A note for yourself: the roll, what it is for…"
          className="rounded-lg border border-vault-line bg-vault-bg px-3 py-2 text-base"
        />
        <button type="submit" disabled={busy || !dirty} className={`${chip} border-vault-line hover:bg-vault-bg`}>
          Save note
        </button>
      </form>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-vault-muted">{status}</p>
      {problem && (
        <p role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">{problem}</p>
      )}
    </section>
  );
}
