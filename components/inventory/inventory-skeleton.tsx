/** What a page shows while its profile streams in: the shape of the page, pulsing. */
export function InventorySkeleton({ title }: { title: string }) {
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading {title}…</p>
      <div className="flex gap-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-11 w-24 animate-pulse rounded-full bg-vault-panel" />
        ))}
      </div>
      <div className="h-8 w-40 animate-pulse rounded bg-vault-panel" />
      <div className="h-11 w-full animate-pulse rounded-lg bg-vault-panel" />
      {[0, 1, 2].map((s) => (
        <div key={s} className="flex flex-col gap-1.5">
          <div className="h-4 w-32 animate-pulse rounded bg-vault-panel" />
          <div className="grid grid-cols-[repeat(auto-fill,minmax(4rem,1fr))] gap-1.5">
            {Array.from({ length: 10 }, (_, i) => (
              <div key={i} className="aspect-square animate-pulse rounded-md bg-vault-panel" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
