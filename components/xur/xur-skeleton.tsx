/** What /xur shows while the vendors answer streams in. */
export function XurSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading Xûr’s stock…</p>
      <div className="h-8 w-24 animate-pulse rounded bg-vault-panel" />
      <div className="h-5 w-64 animate-pulse rounded bg-vault-panel" />
      <div className="grid gap-2 sm:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-[4.5rem] animate-pulse rounded-lg bg-vault-panel" />
        ))}
      </div>
    </div>
  );
}
