import crypto from 'node:crypto';

/** The claims QStash puts in `Upstash-Signature`; each can be overridden to forge a bad one. */
export type SignatureClaims = { iss: string; sub: string; exp: number; nbf: number; iat: number; jti: string; body: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** base64url(sha256(body)), as QStash writes it into the `body` claim. */
export function bodyHash(body: string): string {
  return b64url(crypto.createHash('sha256').update(body).digest());
}

/**
 * Signs a delivery exactly as QStash does: an HS256 JWT over `{ iss: "Upstash", sub: <destination
 * URL>, exp: now + 5 min, nbf: now, iat: now, jti, body: base64url(sha256(body)) }`, keyed by the
 * signing key's UTF-8 bytes. `overrides` replace claims (tests forge expired or foreign tokens).
 */
export function signDelivery(opts: { key: string; url: string; body: string; nowSeconds?: number; overrides?: Partial<SignatureClaims>; header?: object }): string {
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: SignatureClaims = {
    iss: 'Upstash',
    sub: opts.url,
    exp: now + 300,
    nbf: now,
    iat: now,
    jti: `jwt_${crypto.randomBytes(12).toString('hex')}`,
    body: bodyHash(opts.body),
    ...opts.overrides,
  };
  const input = `${b64url(JSON.stringify(opts.header ?? { alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(crypto.createHmac('sha256', opts.key).update(input).digest())}`;
}

/** A fresh signing key shaped like QStash's (`sig_` + random). */
export function newSigningKey(): string {
  return `sig_${crypto.randomBytes(18).toString('base64url')}`;
}
