'use client';

import { useState } from 'react';

/** "Refresh now": asks the revalidate route (same origin, JSON) to enqueue a refresh. */
export function RefreshButton({ busy, onQueued }: { busy: boolean; onQueued: () => void }) {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const click = async () => {
    setSending(true);
    setProblem(null);
    try {
      const response = await fetch('/api/manifest/revalidate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (response.status !== 202) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setProblem(body?.error?.message ?? `The refresh could not be queued (HTTP ${response.status}).`);
        return;
      }
      onQueued();
    } catch {
      setProblem('The server did not answer. Try again in a moment.');
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        onClick={() => void click()}
        disabled={busy || sending}
        className="min-h-11 rounded-md bg-vault-accent px-4 font-medium text-black disabled:opacity-50"
      >
        {busy ? 'Refreshing…' : 'Refresh now'}
      </button>
      {problem && <p role="alert" className="text-sm text-red-300">{problem}</p>}
    </div>
  );
}
