/** The one notice for a page holding items the manifest lacks (never one per tile). */
export function ManifestNotice({ unknownHashes }: { unknownHashes: readonly number[] }) {
  if (unknownHashes.length === 0) return null;
  const n = unknownHashes.length;
  return (
    <p role="status" data-testid="manifest-refresh-notice" className="rounded-lg border border-vault-accent/60 bg-vault-panel px-4 py-3 text-sm">
      {n === 1 ? 'One item is' : `${n} items are`} newer than Vault Raider’s item database, so {n === 1 ? 'it shows' : 'they show'} as
      “Unknown item”. A manifest refresh fixes this — it runs by itself every few minutes, and an admin can start one now.
    </p>
  );
}
