import 'server-only';
import { cache } from 'react';

/**
 * The player's Bungie account as the request's session lookup read it (lib/auth/adapter.ts reads
 * the session, the user, this row, the profile choice and the sort order in ONE query): the access
 * token, the Destiny profiles and the sort a page needs next, so the page asks the database
 * nothing more before GetProfile. Kept for the one request only (React's request cache), never
 * across requests or players; outside a page render nothing is kept and callers read the database.
 */
export type SessionAccount = {
  /** As `accounts` holds them: the encrypted access token, its key id, its expiry (epoch s). */
  access_token: string | null;
  token_key_id: string | null;
  expires_at: number | null;
  needs_reauth: boolean;
  destiny_membership_id: string | null;
  destiny_membership_type: number | null;
  destiny_memberships: unknown;
  user: { profileChoice: { membershipId: string } | null };
  /** The player's stored sort (`search_prefs.sort`), null when never chosen. */
  sort: string | null;
};

const perRequest = cache(() => new Map<string, SessionAccount>());

/** Keeps what the session lookup read about `userId`'s account for the rest of this request. */
export function keepSessionAccount(userId: string, account: SessionAccount): void {
  perRequest().set(userId, account);
}

/** `userId`'s account as this request's session lookup read it; undefined outside a page render or for another user. */
export function sessionAccountOf(userId: string): SessionAccount | undefined {
  return perRequest().get(userId);
}

/** Drops the kept row once the database changed under it (a refreshed token): later reads of this request ask the database. */
export function forgetSessionAccount(userId: string): void {
  perRequest().delete(userId);
}
