import 'server-only';

/**
 * Each player's character ids as last seen in a GetProfile answer, kept in this process for a
 * few minutes. It lets the character route answer an id that is not the player's with a real
 * HTTP 404 before it sends its loading skeleton (after that, the status is already 200 and only
 * the not-found page can be shown). Process-local by design: a miss just means "don't know".
 */
const TTL_MS = 10 * 60_000;

/**
 * Whose characters: the player AND the Destiny profile, since a player with several profiles can
 * switch (lib/memberships) and another process must not take the new profile's ids for foreign ones.
 */
export function profileKey(userId: string, membership: { membershipId: string }): string {
  return `${userId}/${membership.membershipId}`;
}
const seen = new Map<string, { ids: ReadonlySet<string>; at: number }>();

/** Remembers the character ids a profile answer listed for the user. */
export function rememberCharacters(userId: string, characterIds: Iterable<string>, now = Date.now()): void {
  seen.set(userId, { ids: new Set(characterIds), at: now });
  // Bounded: drop the oldest entries of players long gone.
  if (seen.size > 10_000) for (const key of [...seen.keys()].slice(0, 1000)) seen.delete(key);
}

/** True or false when this process knows the player's characters; undefined when it does not. */
export function isKnownCharacter(userId: string, characterId: string, now = Date.now()): boolean | undefined {
  const entry = seen.get(userId);
  if (!entry || now - entry.at > TTL_MS) return undefined;
  return entry.ids.has(characterId);
}

/** The player's character ids this process saw lately, or undefined when it does not know them. */
export function knownCharacterIds(userId: string, now = Date.now()): string[] | undefined {
  const entry = seen.get(userId);
  if (!entry || now - entry.at > TTL_MS) return undefined;
  return [...entry.ids];
}
