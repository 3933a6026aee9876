import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@/lib/http/errors';

/**
 * QStash signs every delivery with an HS256 JWT in `Upstash-Signature`, keyed by the account's
 * current signing key (the next key takes over on rotation, so both are accepted). Checked here
 * with node:crypto rather than the SDK's `Receiver`, which reads QSTASH_* and region variables
 * from `process.env` by itself; configuration comes only from `getConfig()` in this app.
 */

/** What a delivery must prove. */
export type SignedDelivery = {
  /** The `Upstash-Signature` header, or null when absent. */
  signature: string | null;
  /** The raw request body, exactly as received. */
  body: string;
  /** The URL QStash delivered to (the `sub` claim), e.g. https://app.example/api/manifest/refresh. */
  url: string;
};

/** The claims of a verified signature. */
export type QstashClaims = z.infer<typeof claimsSchema>;

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string(),
  exp: z.number(),
  nbf: z.number(),
  iat: z.number(),
  jti: z.string(),
  body: z.string(),
});
const headerSchema = z.object({ alg: z.string(), typ: z.string().optional() });

/** A delivery whose signature does not hold; answers 401 and names no key. */
export class SignatureError extends AppError {
  constructor(reason: string) {
    super('invalid_signature', `The QStash signature is invalid: ${reason}.`);
  }
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const unpad = (s: string) => s.replace(/=+$/, '');

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function macMatches(signingInput: string, mac: string, key: string): boolean {
  const expected = crypto.createHmac('sha256', key).update(signingInput).digest();
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Verifies a QStash delivery against the current and the next signing key: the HS256 MAC, issuer
 * "Upstash", `sub` equal to the delivery URL, `nbf`/`exp` against the clock (with a small
 * tolerance for clock skew), and `body` equal to base64url(sha256(raw body)). Throws
 * `SignatureError` (401) on the first failure; returns the claims otherwise.
 */
export function verifyQstashSignature(
  delivery: SignedDelivery,
  keys: readonly string[],
  options: { nowSeconds?: number; clockToleranceSeconds?: number } = {},
): QstashClaims {
  if (!delivery.signature) throw new SignatureError('the Upstash-Signature header is missing');
  const parts = delivery.signature.split('.');
  const [headerPart, payloadPart, mac] = parts;
  if (parts.length !== 3 || !headerPart || !payloadPart || !mac) throw new SignatureError('it is not a JWT');
  const header = headerSchema.safeParse(decodeJson(headerPart));
  // Only HS256: an "alg: none" or asymmetric header must never pass as a keyed MAC.
  if (!header.success || header.data.alg !== 'HS256') throw new SignatureError('its algorithm is not HS256');
  if (!keys.some((key) => key !== '' && macMatches(`${headerPart}.${payloadPart}`, mac, key))) {
    throw new SignatureError('it was not signed with the current or the next signing key');
  }
  const claims = claimsSchema.safeParse(decodeJson(payloadPart));
  if (!claims.success) throw new SignatureError('its claims are incomplete');
  const { iss, sub, exp, nbf, body } = claims.data;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 5;
  if (iss !== 'Upstash') throw new SignatureError('its issuer is not Upstash');
  if (now - tolerance >= exp) throw new SignatureError('it has expired');
  if (nbf > now + tolerance) throw new SignatureError('it is not valid yet');
  if (sub !== delivery.url) throw new SignatureError('it was made for another URL');
  const digest = b64url(crypto.createHash('sha256').update(delivery.body).digest());
  if (unpad(body) !== unpad(digest)) throw new SignatureError('the body does not match it');
  return claims.data;
}
