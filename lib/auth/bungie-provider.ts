import 'server-only';
import type { OAuthConfig } from 'next-auth/providers';
import { customFetch } from 'next-auth';
import type { ServerResponse } from 'bungie-api-ts/core';
import type { UserMembershipData } from 'bungie-api-ts/user';
import type { BungieConfig } from '@/lib/config';
import { platformUrl } from '@/lib/bungie/http';
import { identityFrom, MEMBERSHIPS_PATH } from '@/lib/bungie/memberships';
import { TOKEN_PATH } from '@/lib/bungie/oauth';

/**
 * Bungie.net as an Auth.js OAuth provider (confidential client, so refresh tokens are issued).
 * URLs come from configuration, so the simulator stands in for bungie.net. Bungie wants
 * `X-API-Key` on the token and profile calls; `customFetch` adds it to every call Auth.js makes.
 */
export function bungieProvider(bungie: BungieConfig): OAuthConfig<ServerResponse<UserMembershipData>> {
  const withApiKey: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('X-API-Key', bungie.apiKey);
    return fetch(input, { ...init, headers, redirect: 'error' });
  };
  return {
    id: 'bungie',
    name: 'Bungie',
    type: 'oauth',
    clientId: bungie.clientId,
    clientSecret: bungie.clientSecret,
    // Bungie takes no scope (permissions are fixed at registration) and no PKCE.
    // An empty scope keeps Auth.js from adding its OpenID default ("openid profile email").
    authorization: { url: `${bungie.authorizeOrigin}/en/OAuth/Authorize?scope=`, params: { response_type: 'code' } },
    checks: ['state'],
    token: platformUrl(bungie.origin, TOKEN_PATH),
    userinfo: platformUrl(bungie.origin, MEMBERSHIPS_PATH),
    client: { token_endpoint_auth_method: 'client_secret_post' },
    [customFetch]: withApiKey,
    profile(answer) {
      const identity = identityFrom(answer, bungie.origin);
      return { id: identity.bungieMembershipId, name: identity.displayName, image: identity.avatarUrl ?? null, email: null };
    },
    // Only columns of the Account model: the adapter writes whatever this returns.
    account(tokens) {
      const now = Math.floor(Date.now() / 1000);
      const refreshIn = Number((tokens as Record<string, unknown>).refresh_expires_in);
      return {
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        expires_at: tokens.expires_at,
        token_type: 'bearer',
        refresh_expires_at: Number.isFinite(refreshIn) ? now + refreshIn : undefined,
        bungie_membership_id: String((tokens as Record<string, unknown>).membership_id ?? ''),
      };
    },
  };
}
