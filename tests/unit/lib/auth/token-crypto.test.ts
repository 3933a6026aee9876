import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, resolveTokenKeys, TokenDecryptError } from '@/lib/auth/token-crypto';

const key = (id: string) => ({ id, key: crypto.randomBytes(32) });

describe('token crypto', () => {
  it('round-trips and never stores the plaintext', () => {
    const keys = [key('k1')];
    const token = 'CLasBBKGAgAg-secret-access-token';
    const stored = encryptToken(token, keys);
    expect(stored.keyId).toBe('k1');
    expect(stored.value).not.toContain(token);
    expect(stored.value).toMatch(/^v1\./);
    expect(decryptToken(stored.value, stored.keyId, keys)).toBe(token);
  });

  it('uses a fresh IV each time', () => {
    const keys = [key('k1')];
    expect(encryptToken('same', keys).value).not.toBe(encryptToken('same', keys).value);
  });

  it('reads values of an older key after rotation, writes with the newest', () => {
    const old = key('old');
    const stored = encryptToken('tok', [old]);
    const rotated = [key('new'), old];
    expect(decryptToken(stored.value, stored.keyId, rotated)).toBe('tok');
    expect(encryptToken('tok', rotated).keyId).toBe('new');
  });

  it('refuses an unknown key id, a wrong key and an altered value', () => {
    const keys = [key('k1')];
    const stored = encryptToken('tok', keys);
    expect(() => decryptToken(stored.value, 'gone', keys)).toThrow(TokenDecryptError);
    expect(() => decryptToken(stored.value, 'k1', [key('k1')])).toThrow(TokenDecryptError);
    const parts = stored.value.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptToken(parts.join('.'), 'k1', keys)).toThrow(TokenDecryptError);
    expect(() => decryptToken('plain-token', 'k1', keys)).toThrow(TokenDecryptError);
  });

  it('derives a stable key from AUTH_SECRET when no keys are configured', () => {
    const a = resolveTokenKeys([], 'x'.repeat(40));
    const b = resolveTokenKeys([], 'x'.repeat(40));
    const c = resolveTokenKeys([], 'y'.repeat(40));
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]!.id).not.toBe(c[0]!.id);
    const stored = encryptToken('tok', a);
    expect(decryptToken(stored.value, stored.keyId, b)).toBe('tok');
    expect(() => decryptToken(stored.value, stored.keyId, c)).toThrow(TokenDecryptError);
    expect(() => resolveTokenKeys([], undefined)).toThrow(/TOKEN_ENCRYPTION_KEYS or AUTH_SECRET/);
  });
});
