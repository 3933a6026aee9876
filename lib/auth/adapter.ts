import 'server-only';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter, AdapterAccount } from 'next-auth/adapters';
import type { TokenKey } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import { encryptToken } from './token-crypto';

/**
 * Prisma's Auth.js adapter, except that Bungie tokens are encrypted before they reach the
 * database: no row ever holds a plaintext token.
 */
export function vaultAdapter(prisma: PrismaClient, keys: readonly TokenKey[]): Adapter {
  const base = PrismaAdapter(prisma);
  return {
    ...base,
    async linkAccount(account: AdapterAccount) {
      const { access_token, refresh_token, ...rest } = account;
      const access = access_token ? encryptToken(access_token, keys) : undefined;
      const refresh = refresh_token ? encryptToken(refresh_token, keys) : undefined;
      await base.linkAccount!({
        ...rest,
        access_token: access?.value,
        refresh_token: refresh?.value,
        token_key_id: access?.keyId ?? refresh?.keyId ?? null,
      });
    },
  };
}
