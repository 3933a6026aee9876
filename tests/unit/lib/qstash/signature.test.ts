import crypto from 'node:crypto';
import { Receiver } from '@upstash/qstash';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bodyHash, newSigningKey, signDelivery } from '@/dev/qstash-emulator/sign';
import { everyMinutesCron } from '@/lib/qstash/client';
import { SignatureError, verifyQstashSignature } from '@/lib/qstash/signature';

const key = newSigningKey();
const next = newSigningKey();
const keys = { currentSigningKey: key, nextSigningKey: next };
const url = 'https://vault.example/api/manifest/refresh';
const body = '{"trigger":"schedule"}';
const now = 1_800_000_000;
// The SDK's Receiver reads the real clock: it is set for each check.
async function verify(signature: string, at = now) {
  vi.setSystemTime(at * 1000);
  return verifyQstashSignature({ signature, body, url }, keys);
}

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

describe('verifyQstashSignature (the SDK Receiver, keys from our config) clock edges (5 s tolerance)', () => {
  const token = signDelivery({ key, url, body, nowSeconds: now });
  it('accepts a token right up to its expiry, minus the tolerance', async () => {
    await expect(verify(token, now + 300 + 4)).resolves.toBeUndefined();
    await expect(verify(token, now + 300 + 6)).rejects.toThrow(/expired/);
  });
  it('accepts a token from a clock up to 5 s ahead, not more', async () => {
    await expect(verify(token, now - 5)).resolves.toBeUndefined();
    await expect(verify(token, now - 7)).rejects.toThrow(/not valid yet/);
  });
  it('accepts the next signing key too, and no other', async () => {
    await expect(verify(signDelivery({ key: next, url, body, nowSeconds: now }))).resolves.toBeUndefined();
    await expect(verify(signDelivery({ key: newSigningKey(), url, body, nowSeconds: now }))).rejects.toThrow(/current or the next signing key/);
  });
  it('accepts the body hash with or without base64 padding, and nothing else', async () => {
    const padded = signDelivery({ key, url, body, nowSeconds: now, overrides: { body: `${bodyHash(body)}=` } });
    await expect(verify(padded)).resolves.toBeUndefined();
    const other = signDelivery({ key, url, body, nowSeconds: now, overrides: { body: bodyHash(`${body} `) } });
    await expect(verify(other)).rejects.toThrow(/body does not match/);
    await expect(verify(signDelivery({ key, url: 'https://evil.example/api/manifest/refresh', body, nowSeconds: now }))).rejects.toThrow(/another URL/);
  });
  it('never accepts an empty key', async () => {
    const token2 = signDelivery({ key: '', url, body, nowSeconds: now });
    await expect(verifyQstashSignature({ signature: token2, body, url }, { currentSigningKey: '', nextSigningKey: key })).rejects.toThrow(SignatureError);
  });
  it('refuses HS512 and "none" even when the MAC is right for them', async () => {
    const [, payload] = token.split('.');
    const h512 = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    const mac512 = crypto.createHmac('sha512', key).update(`${h512}.${payload}`).digest('base64url');
    await expect(verify(`${h512}.${payload}.${mac512}`)).rejects.toThrow(SignatureError);
    await expect(verify(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`)).rejects.toThrow(SignatureError);
  });
});

/** A genuine signature whose MAC has a `-` or `_` (each new jti gives a new MAC): only such a MAC has a standard-base64 twin. */
function signatureWithUrlSafeCharacters(): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const token = signDelivery({ key, url, body, nowSeconds: now });
    if (/[-_]/.test(token.split('.')[2]!)) return token;
  }
  throw new Error('no MAC with a base64url-only character in 1,000 signatures');
}

describe('one signature, one spelling (issue 17, finding 5)', () => {
  const token = signatureWithUrlSafeCharacters();
  const [header, payload, mac] = token.split('.') as [string, string, string];
  // An HS256 MAC is 256 bits in 43 characters (258 bits): the last character's 2 low bits are unused.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(mac.at(-1)!);
  const sameBits = alphabet[(last & ~3) | ((last + 1) & 3)]!;
  const variants: Array<[string, string]> = [
    ['another last character with the same 256 bits', `${header}.${payload}.${mac.slice(0, -1)}${sameBits}`],
    ['padding added', `${token}=`],
    ['standard base64 characters', `${header}.${payload}.${Buffer.from(mac, 'base64url').toString('base64').replace(/=+$/, '')}`],
    ['a character base64url drops', `${header}.${payload}.${mac.slice(0, 20)}!${mac.slice(20)}`],
    ['whitespace inside', `${header}.${payload}.${mac.slice(0, 20)} ${mac.slice(20)}`],
  ];

  it('the same MAC bits decode alike, and the SDK alone accepts that second spelling (why we check the shape)', async () => {
    expect(Buffer.from(variants[0]![1].split('.')[2]!, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    expect(variants[0]![1]).not.toBe(token);
    vi.setSystemTime(now * 1000);
    await expect(new Receiver({ ...keys, devMode: false }).verify({ signature: variants[0]![1], body, url })).resolves.toBe(true);
  });

  it('accepts the canonical spelling', async () => {
    await expect(verify(token)).resolves.toBeUndefined();
  });

  it.each(variants)('refuses a MAC written with %s', async (_name, variant) => {
    if (variant === token) throw new Error('not a variant');
    await expect(verify(variant)).rejects.toThrow(SignatureError);
  });
});

describe('everyMinutesCron', () => {
  it.each([
    [1, '* * * * *'],
    [5, '*/5 * * * *'],
    [15, '*/15 * * * *'],
    [120, '0 */2 * * *'],
    [1440, '0 0 * * *'],
  ])('%i min → %s', (minutes, cron) => expect(everyMinutesCron(minutes)).toBe(cron));
});
