import { describe, expect, it } from 'vitest';
import { bodyHash, newSigningKey, signDelivery } from '@/dev/qstash-emulator/sign';
import { everyMinutesCron } from '@/lib/qstash/client';
import { SignatureError, verifyQstashSignature } from '@/lib/qstash/signature';

const key = newSigningKey();
const url = 'https://vault.example/api/manifest/refresh';
const body = '{"trigger":"schedule"}';
const now = 1_800_000_000;
const verify = (signature: string, at = now) => verifyQstashSignature({ signature, body, url }, [key], { nowSeconds: at });

describe('verifyQstashSignature clock edges (5 s tolerance)', () => {
  const token = signDelivery({ key, url, body, nowSeconds: now });
  it('accepts a token right up to its expiry, minus the tolerance', () => {
    expect(verify(token, now + 300 + 4).iss).toBe('Upstash');
    expect(() => verify(token, now + 300 + 5)).toThrow(/expired/);
  });
  it('accepts a token from a clock up to 5 s ahead, not more', () => {
    expect(verify(token, now - 5).sub).toBe(url);
    expect(() => verify(token, now - 6)).toThrow(/not valid yet/);
  });
  it('accepts the body hash with or without base64 padding, and nothing else', () => {
    const padded = signDelivery({ key, url, body, nowSeconds: now, overrides: { body: `${bodyHash(body)}=` } });
    expect(verify(padded).body).toBe(`${bodyHash(body)}=`);
    const other = signDelivery({ key, url, body, nowSeconds: now, overrides: { body: bodyHash(`${body} `) } });
    expect(() => verify(other)).toThrow(SignatureError);
  });
  it('never accepts an empty key', () => {
    const token2 = signDelivery({ key: '', url, body, nowSeconds: now });
    expect(() => verifyQstashSignature({ signature: token2, body, url }, ['', key], { nowSeconds: now })).toThrow(/signing key/);
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
