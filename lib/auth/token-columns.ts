import 'server-only';
import type { TokenKey } from '@/lib/config';
import type { BungieTokenSet } from '@/lib/bungie/oauth';
import { encryptToken } from './token-crypto';

/** The Account columns that hold a token pair: both tokens encrypted with the newest key. */
export function tokenColumns(set: BungieTokenSet, keys: readonly TokenKey[]) {
  const access = encryptToken(set.accessToken, keys);
  const refresh = encryptToken(set.refreshToken, keys);
  return {
    access_token: access.value,
    refresh_token: refresh.value,
    token_key_id: access.keyId,
    token_type: 'Bearer',
    expires_at: set.accessExpiresAt,
    refresh_expires_at: set.refreshExpiresAt,
    needs_reauth: false,
  };
}
