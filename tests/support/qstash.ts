import { newSigningKey, signDelivery } from '@/dev/qstash-emulator/sign';

/** The callback URL every signed test delivery is made for (AUTH_URL + the route). */
export const APP_URL = 'http://localhost:3000';
export const REFRESH_URL = `${APP_URL}/api/manifest/refresh`;

/** Fresh current/next signing keys and a token, as a QStash account would have them. */
export function qstashKeys() {
  return { current: newSigningKey(), next: newSigningKey(), token: `qstash_test_${newSigningKey()}` };
}

/** The environment of QStash mode (scheduler = QStash at `url`) with these keys. */
export function qstashEnv(keys: ReturnType<typeof qstashKeys>, url = 'http://qstash.test'): Record<string, string> {
  return { AUTH_URL: APP_URL, QSTASH_URL: url, QSTASH_TOKEN: keys.token, QSTASH_CURRENT_SIGNING_KEY: keys.current, QSTASH_NEXT_SIGNING_KEY: keys.next };
}

/** A POST to the refresh route with `signature` (none when undefined) and a raw body. */
export function deliveryRequest(body: string, signature?: string): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['upstash-signature'] = signature;
  return new Request(REFRESH_URL, { method: 'POST', headers, body });
}

/** A delivery signed exactly as QStash signs it. */
export function signedDelivery(key: string, body = '{"trigger":"schedule"}'): Request {
  return deliveryRequest(body, signDelivery({ key, url: REFRESH_URL, body }));
}
