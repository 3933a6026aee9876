import 'server-only';
import { Receiver } from '@upstash/qstash';
import { z } from 'zod';
import { AppError } from '@/lib/http/errors';

/**
 * QStash signs every delivery with an HS256 JWT in `Upstash-Signature`, keyed by the account's
 * current signing key (the next key takes over on rotation, so both are accepted). Checked by the
 * SDK's own `Receiver`, given both keys from `getConfig()` — with both passed (and dev mode off) it
 * reads nothing from `process.env` — after a shape check of our own: the SDK's base64url decoding
 * ignores the unused low bits of the MAC's last character, so one signature could be written
 * several ways; only the canonical form is accepted (issue 17, finding 5).
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

/** The two signing keys a delivery may be signed with. */
export type SigningKeys = { currentSigningKey: string; nextSigningKey: string };

/** A delivery whose signature does not hold; answers 401 and names no key. */
export class SignatureError extends AppError {
  constructor(reason: string) {
    super('invalid_signature', `The QStash signature is invalid: ${reason}.`);
  }
}

// Every claim QStash writes; the Receiver checks their values but not that each is there.
const claimsSchema = z.object({ iss: z.string(), sub: z.string(), exp: z.number(), nbf: z.number(), iat: z.number(), jti: z.string(), body: z.string() });

// header.payload.MAC, base64url without padding; an HS256 MAC is 32 bytes = 43 characters.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const WRONG_KEY = 'it was not signed with the current or the next signing key';
// The Receiver's errors carry jose's or its own wording; the caller gets one of ours.
const REASONS: readonly [RegExp, string][] = [
  [/"exp" claim/, 'it has expired'],
  [/"nbf" claim|"iat" claim/, 'it is not valid yet'],
  [/"iss" claim/, 'its issuer is not Upstash'],
  [/invalid subject/, 'it was made for another URL'],
  [/body hash/, 'the body does not match it'],
  [/signature verification failed/, WRONG_KEY],
];

/**
 * Verifies a QStash delivery against the current and the next signing key with `Receiver`: the
 * HS256 MAC, all of QStash's claims, issuer "Upstash", `nbf`/`exp` against the clock (5 s tolerance for skew), `sub` equal
 * to the delivery URL and `body` equal to base64url(sha256(raw body)). Throws `SignatureError`
 * (401) when any of it fails.
 */
export async function verifyQstashSignature(delivery: SignedDelivery, keys: SigningKeys, options: { clockToleranceSeconds?: number } = {}): Promise<void> {
  const signature = delivery.signature;
  if (!signature) throw new SignatureError('the Upstash-Signature header is missing');
  if (!keys.currentSigningKey || !keys.nextSigningKey) throw new SignatureError('no signing key is configured');
  if (!JWT_SHAPE.test(signature)) throw new SignatureError('it is not a JWT');
  const [headerPart, payloadPart, mac] = signature.split('.') as [string, string, string];
  // Only HS256: "alg: none", HS512 or an asymmetric header must never pass as our keyed MAC.
  if ((decodeJson(headerPart) as { alg?: unknown } | undefined)?.alg !== 'HS256') throw new SignatureError('its algorithm is not HS256');
  if (!claimsSchema.safeParse(decodeJson(payloadPart)).success) throw new SignatureError('its claims are incomplete');
  if (Buffer.from(mac, 'base64url').toString('base64url') !== mac) throw new SignatureError('its MAC is not written canonically');
  const request = { signature, body: delivery.body, url: delivery.url, clockTolerance: options.clockToleranceSeconds ?? 5 };
  try {
    await new Receiver({ ...keys, devMode: false }).verify(request);
  } catch (error) {
    let reason = reasonOf(error);
    // The Receiver reports the last key it tried (the next one); when that MAC did not match, the
    // current key alone says why it refused (expired, not yet valid, another issuer).
    if (reason === WRONG_KEY) {
      const current = new Receiver({ currentSigningKey: keys.currentSigningKey, nextSigningKey: keys.currentSigningKey, devMode: false });
      reason = (await current.verify(request).then(() => undefined, reasonOf)) ?? reason;
    }
    throw new SignatureError(reason ?? 'it does not check out');
  }
}

/**
 * The `jti` and `exp` of a signature `verifyQstashSignature` accepted (which checked both are
 * there): the delivery's identity for the replay memory (lib/qstash/deliveries.ts).
 */
export function deliveryIdOf(signature: string): { jti: string; exp: number } {
  const claims = claimsSchema.parse(decodeJson(signature.split('.')[1] ?? ''));
  return { jti: claims.jti, exp: claims.exp };
}

function reasonOf(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  return REASONS.find(([pattern]) => pattern.test(message))?.[1];
}
