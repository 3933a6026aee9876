/**
 * The one notice about a page's item data: served from the backup copy while the manifest store
 * is down, or items the manifest lacks (never one notice per tile).
 */
export function ManifestNotice({ unknownHashes, fromBackup = false }: { unknownHashes: readonly number[]; fromBackup?: boolean }) {
  if (fromBackup) {
    return (
      <p role="status" data-testid="manifest-backup-notice" className="rounded-lg border border-vault-accent/60 bg-vault-panel px-4 py-3 text-sm">
        Item data is being served from a backup copy: Vault Raider’s item database is not answering right now. Items this server has not
        seen before show as “Unknown item” until it is back; this clears by itself.
      </p>
    );
  }
  if (unknownHashes.length === 0) return null;
  const n = unknownHashes.length;
  return (
    <p role="status" data-testid="manifest-refresh-notice" className="rounded-lg border border-vault-accent/60 bg-vault-panel px-4 py-3 text-sm">
      {n === 1 ? 'One item is' : `${n} items are`} newer than Vault Raider’s item database, so {n === 1 ? 'it shows' : 'they show'} as
      “Unknown item”. A manifest refresh fixes this — it runs by itself every few minutes, and an admin can start one now.
    </p>
  );
}
