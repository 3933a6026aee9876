'use client';

import { useState } from 'react';
import useSWR from 'swr';
import type { ManifestStatus } from '@/lib/manifest/status';
import { RefreshButton } from './refresh-button';
import { RefreshProgress } from './refresh-progress';
import { RunHistory } from './run-history';
import { formatWhen } from './format';

const fetchStatus = async (url: string): Promise<ManifestStatus> => {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as ManifestStatus;
};

/**
 * The manifest's status with live progress: polls `/api/manifest/status` every second while a
 * refresh runs here, or after "Refresh now" until a new run shows up (in QStash mode the refresh
 * runs in another request, so `running` may never be set in the process that answers).
 */
export function ManifestAdmin({ initial }: { initial: ManifestStatus }) {
  const [awaiting, setAwaiting] = useState<{ since: string | null; until: number } | null>(null);
  const { data, mutate } = useSWR('/api/manifest/status', fetchStatus, {
    fallbackData: initial,
    refreshInterval: (latest) => (latest?.running || awaiting ? 1000 : 0),
    onSuccess: (latest) => {
      if (awaiting && !latest.running && (latest.lastCheck?.id !== awaiting.since || Date.now() > awaiting.until)) setAwaiting(null);
    },
  });
  const status = data ?? initial;
  const busy = status.running !== null || awaiting !== null;

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-1 gap-3 rounded-lg border border-vault-line bg-vault-panel p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-vault-muted">Current version</dt>
          <dd className="break-all font-mono" data-testid="manifest-version">{status.current?.version ?? 'none yet'}</dd>
        </div>
        <div>
          <dt className="text-vault-muted">Last check</dt>
          <dd>{status.lastCheck ? `${formatWhen(status.lastCheck.startedAt)} · ${status.lastCheck.outcome}` : 'never'}</dd>
        </div>
        <div>
          <dt className="text-vault-muted">Last refresh</dt>
          <dd>{status.lastRefresh ? formatWhen(status.lastRefresh.finishedAt ?? status.lastRefresh.startedAt) : 'never'}</dd>
        </div>
      </dl>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <RefreshButton
          busy={busy}
          onQueued={() => {
            setAwaiting({ since: status.lastCheck?.id ?? null, until: Date.now() + 120_000 });
            void mutate();
          }}
        />
        <p className="text-xs text-vault-muted">Store: {status.store === 'upstash' ? 'Upstash Redis' : 'the database'}. Checks also run on a schedule.</p>
      </div>
      {status.running ? <RefreshProgress job={status.running} /> : awaiting ? <p role="status" className="text-sm text-vault-muted">Refresh queued…</p> : null}
      <RunHistory runs={status.history} />
    </div>
  );
}
