import type { ManifestRunView } from '@/lib/manifest/status';
import { formatDuration, formatWhen } from './format';

const OUTCOME_STYLE: Record<ManifestRunView['outcome'], string> = {
  updated: 'text-vault-accent',
  unchanged: 'text-vault-muted',
  failed: 'text-red-300',
  running: 'text-vault-text',
};

/** The recent refreshes, newest first; scrolls sideways on a phone rather than squeezing columns. */
export function RunHistory({ runs }: { runs: readonly ManifestRunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-vault-muted">No refresh has run yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-vault-line">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Recent manifest refreshes</caption>
        <thead className="bg-vault-panel text-vault-muted">
          <tr>
            <th className="px-3 py-2 font-normal">Started</th>
            <th className="px-3 py-2 font-normal">Trigger</th>
            <th className="px-3 py-2 font-normal">Outcome</th>
            <th className="px-3 py-2 font-normal">Version</th>
            <th className="px-3 py-2 font-normal">Items +/~/−</th>
            <th className="px-3 py-2 font-normal">Took</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-t border-vault-line align-top">
              <td className="whitespace-nowrap px-3 py-2">{formatWhen(run.startedAt)}</td>
              <td className="px-3 py-2">{run.trigger}</td>
              <td className={`px-3 py-2 ${OUTCOME_STYLE[run.outcome]}`} title={run.error ?? undefined}>
                {run.outcome}
                {run.error && <span className="block max-w-56 truncate text-xs text-vault-muted">{run.error}</span>}
              </td>
              <td className="break-all px-3 py-2 font-mono text-xs">{run.version ?? '—'}</td>
              <td className="whitespace-nowrap px-3 py-2">{run.items ? `+${run.items.added} ~${run.items.changed} −${run.items.removed}` : '—'}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDuration(run.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
