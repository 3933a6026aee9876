'use client';

import { useState } from 'react';
import { TAG_INFO, TAGS, type Tag } from '@/lib/annotations/tags';
import type { Annotations } from './use-annotations';

/**
 * Under a search: "Tag these 14 items as [Junk] [Tag]" — one tag (or none) for every instanced
 * item the search shows (stacks cannot be tagged), in one request.
 */
export function BulkTag({ instanceIds, annotations }: { instanceIds: string[]; annotations: Annotations }) {
  const [tag, setTag] = useState<Tag | 'none'>('junk');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const n = instanceIds.length;
  if (n === 0) return null;
  const these = n === 1 ? 'this item' : `these ${n} items`;

  async function apply() {
    setBusy(true);
    setProblem(null);
    setStatus('Tagging…');
    const outcome = await annotations.tagMany(instanceIds, tag === 'none' ? null : tag);
    setBusy(false);
    setStatus(outcome.ok ? (tag === 'none' ? `Cleared the tags of ${n === 1 ? '1 item' : `${n} items`}.` : `Tagged ${n === 1 ? '1 item' : `${n} items`} as ${TAG_INFO[tag].label}.`) : '');
    if (!outcome.ok) setProblem(outcome.message);
  }

  return (
    <form
      aria-label="Tag the search results"
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <label htmlFor="bulk-tag">Tag {these} as</label>
      <select id="bulk-tag" value={tag} onChange={(e) => setTag(e.target.value as Tag | 'none')} className="min-h-11 rounded-lg border border-vault-line bg-vault-panel px-2 text-base">
        {TAGS.map((t) => (
          <option key={t} value={t}>{TAG_INFO[t].label}</option>
        ))}
        <option value="none">No tag (clear)</option>
      </select>
      <button type="submit" disabled={busy} className="min-h-11 rounded-lg border border-vault-line px-3 font-medium hover:bg-vault-bg disabled:opacity-50">
        {tag === 'none' ? 'Clear tags' : 'Tag'}
      </button>
      <span role="status" aria-live="polite" className="text-vault-muted">{status}</span>
      {problem && <span role="alert" className="w-full rounded-lg border border-red-400/60 bg-red-950/40 p-2">{problem}</span>}
    </form>
  );
}
