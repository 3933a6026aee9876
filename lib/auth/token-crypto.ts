import 'server-only';
import crypto from 'node:crypto';
import type { TokenKey } from '@/lib/config';

/**
 * Bungie tokens at rest: AES-256-GCM, a fresh 96-bit IV per value, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url) with the key id in its own column, so keys can rotate:
 * new values use the first key, old values stay readable while their key is still configured.
 */

/** The value was written with a key that is no longer configured, or was tampered with. */
export class TokenDecryptError extends Error {
  override name = 'TokenDecryptError';
}

// The last key derived from a secret (every request asks: the HKDF is worth keeping, the secret never changes in a process).
let derived: { secret: string; keys: readonly TokenKey[] } | undefined;

/** The keys in force: those configured, or one derived from the Auth.js secret when none are. */
export function resolveTokenKeys(configured: readonly TokenKey[], authSecret: string | undefined): readonly TokenKey[] {
  if (configured.length > 0) return configured;
  if (!authSecret) throw new Error('No token encryption key: set TOKEN_ENCRYPTION_KEYS or AUTH_SECRET.');
  if (derived?.secret === authSecret) return derived.keys;
  derived = { secret: authSecret, keys: deriveKeys(authSecret) };
  return derived.keys;
}

function deriveKeys(authSecret: string): readonly TokenKey[] {
  const key = Buffer.from(crypto.hkdfSync('sha256', authSecret, Buffer.alloc(0), 'vault-raider token vault v1', 32));
  // The id names the secret it came from, so a changed AUTH_SECRET reads as "unknown key", not garbage.
  const id = `s${crypto.createHash('sha256').update(key).digest('base64url').slice(0, 8)}`;
  return [{ id, key }];
}

/** Encrypts `plaintext` with the newest key; returns the stored text and that key's id. */
export function encryptToken(plaintext: string, keys: readonly TokenKey[]): { value: string; keyId: string } {
  const current = keys[0];
  if (!current) throw new Error('No token encryption key configured.');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { value: ['v1', iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.'), keyId: current.id };
}

/** Decrypts a value written by `encryptToken` with the key named `keyId`. */
export function decryptToken(value: string, keyId: string, keys: readonly TokenKey[]): string {
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new TokenDecryptError(`Token key "${keyId}" is not configured.`);
  const [version, iv, tag, body] = value.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new TokenDecryptError('Stored token has an unknown format.');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptError('Stored token failed authentication (wrong key or altered).');
  }
}
