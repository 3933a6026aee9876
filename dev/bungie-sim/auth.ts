import type { CodeName } from './codes';
import { createRng, type Rng } from './prng';

/** Token lifetimes in seconds; Bungie's defaults are 3,600 s and 90 days. */
export type Lifetimes = {
  accessSeconds: number;
  refreshSeconds: number;
  /** How long an authorization code may be exchanged. */
  codeSeconds: number;
  /** A new refresh token is refused (RefreshTokenNotYetValid) until this many seconds pass. */
  refreshReadySeconds: number;
};

export const DEFAULT_LIFETIMES: Lifetimes = { accessSeconds: 3600, refreshSeconds: 7_776_000, codeSeconds: 300, refreshReadySeconds: 0 };

/** Bungie's token answer (the OAuth endpoint is not in the OpenAPI spec). */
export type TokenAnswer = {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  membership_id: string;
};

/** An OAuth failure: `error` and Bungie's error code name as `error_description`. */
export type OAuthFailure = { error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type'; error_description: string };

type Grant = { membershipId: string; recordId: number; expiresAt: number; notBefore: number; spent: boolean };

/** All OAuth state: codes, tokens and authorization records (one per approval). */
export type AuthState = {
  rng: Rng;
  codes: Map<string, Grant>;
  access: Map<string, Grant>;
  refresh: Map<string, Grant>;
  /** Authorization records by id: revoked when the player removes the app. */
  records: Map<number, { membershipId: string; revoked: boolean }>;
};

/** Fresh OAuth state; tokens are deterministic for a seed. */
export function createAuthState(seed: number): AuthState {
  return { rng: createRng(seed ^ 0x0a07), codes: new Map(), access: new Map(), refresh: new Map(), records: new Map() };
}

function token(rng: Rng, prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = prefix;
  for (let i = 0; i < 86; i++) out += alphabet[rng.int(0, 63)];
  return `${out}==`;
}

/** Issues a single-use authorization code after the player approves. */
export function issueCode(state: AuthState, membershipId: string, now: number, life: Lifetimes): string {
  const recordId = state.records.size + 1;
  state.records.set(recordId, { membershipId, revoked: false });
  const code = state.rng.hex(32);
  state.codes.set(code, { membershipId, recordId, expiresAt: now + life.codeSeconds * 1000, notBefore: now, spent: false });
  return code;
}

function mint(state: AuthState, grant: Pick<Grant, 'membershipId' | 'recordId'>, now: number, life: Lifetimes): TokenAnswer {
  const access = token(state.rng, 'CKv');
  const refresh = token(state.rng, 'CKr');
  state.access.set(access, { ...grant, expiresAt: now + life.accessSeconds * 1000, notBefore: now, spent: false });
  state.refresh.set(refresh, { ...grant, expiresAt: now + life.refreshSeconds * 1000, notBefore: now + life.refreshReadySeconds * 1000, spent: false });
  return { access_token: access, token_type: 'Bearer', expires_in: life.accessSeconds, refresh_token: refresh, refresh_expires_in: life.refreshSeconds, membership_id: grant.membershipId };
}

const fail = (description: CodeName): OAuthFailure => ({ error: 'invalid_grant', error_description: description });

/** grant_type=authorization_code. Codes are single use and short-lived. */
export function exchangeCode(state: AuthState, code: string, now: number, life: Lifetimes): TokenAnswer | OAuthFailure {
  const grant = state.codes.get(code);
  if (!grant || grant.spent) return fail('AuthorizationCodeInvalid');
  grant.spent = true;
  if (now > grant.expiresAt) return fail('AuthorizationCodeStale');
  if (state.records.get(grant.recordId)?.revoked) return fail('AuthorizationRecordRevoked');
  return mint(state, grant, now, life);
}

/** grant_type=refresh_token. Rotation: the old refresh token is spent, a new one returned. */
export function refreshTokens(state: AuthState, refreshToken: string, now: number, life: Lifetimes): TokenAnswer | OAuthFailure {
  const grant = state.refresh.get(refreshToken);
  if (!grant || grant.spent) return fail('ProvidedTokenNotValidRefreshToken');
  if (state.records.get(grant.recordId)?.revoked) return fail('AuthorizationRecordRevoked');
  if (now > grant.expiresAt) return fail('AuthorizationRecordExpired');
  if (now < grant.notBefore) return fail('RefreshTokenNotYetValid');
  grant.spent = true;
  return mint(state, grant, now, life);
}

/** Checks a bearer token: the membership id, or the error Bungie answers with. */
export function checkAccessToken(state: AuthState, accessToken: string | undefined, now: number): { membershipId: string } | { code: CodeName } {
  if (!accessToken) return { code: 'WebAuthRequired' };
  const grant = state.access.get(accessToken);
  if (!grant) return { code: 'WebAuthRequired' };
  if (state.records.get(grant.recordId)?.revoked) return { code: 'AuthorizationRecordRevoked' };
  if (now > grant.expiresAt) return { code: 'AccessTokenHasExpired' };
  return { membershipId: grant.membershipId };
}

/** Revokes every authorization record of a player (or of everyone). */
export function revokeAuthorization(state: AuthState, membershipId?: string): number {
  let count = 0;
  for (const record of state.records.values()) {
    if (!membershipId || record.membershipId === membershipId) {
      record.revoked = true;
      count++;
    }
  }
  return count;
}
