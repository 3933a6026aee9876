import type { RunningJob } from '@/lib/jobs/manifest-job';

const PHASES = ['checking', 'downloading', 'writing', 'activating', 'pruning', 'done'] as const;

/** The running refresh: its phase as a step bar, and the definitions written so far. */
export function RefreshProgress({ job }: { job: RunningJob }) {
  const step = PHASES.indexOf(job.progress.phase);
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-2 rounded-lg border border-vault-accent/60 bg-vault-panel p-4 text-sm" data-testid="refresh-progress">
      <p>
        Refreshing ({job.trigger}): <span className="font-medium">{job.progress.phase}</span>
        {job.progress.table ? ` ${job.progress.table}` : ''} · {job.progress.definitionsWritten.toLocaleString('en')} definitions written
      </p>
      <div className="flex gap-1" aria-hidden>
        {PHASES.map((phase, i) => (
          <span key={phase} className={`h-1.5 flex-1 rounded ${i <= step ? 'bg-vault-accent' : 'bg-vault-line'}`} />
        ))}
      </div>
    </div>
  );
}
