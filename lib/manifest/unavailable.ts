/**
 * The manifest store failed and this process holds no copy of the current version to fall back
 * on (a cold process while Redis is down): the page says the item database is not answering.
 */
export class ManifestUnavailableError extends Error {
  override name = 'ManifestUnavailableError';
  constructor(
    /** Why the store failed, for the log (never shown to the player). */
    readonly reason: string,
  ) {
    super(`The manifest store is not answering and no copy is cached in this process (${reason}).`);
  }
}
