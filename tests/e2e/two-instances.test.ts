import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
import { signDelivery } from '@/dev/qstash-emulator/sign';
import { startStack, type Stack } from '@/dev/services/stack';
import { DESKTOP, launchChromium } from '@/tests/support/browser';
import { qstashEnv, qstashKeys } from '@/tests/support/qstash';
import { signIn } from '@/tests/support/sign-in';

// dev:cloud's shape: two `next start` instances of one build behind the round-robin proxy. It
// starts its own stack (the built app must exist: `npm test` builds it).
const root = path.resolve(import.meta.dirname, '../..');
let stack: Stack;
let qstash: QstashEmulator;
let browser: Browser;
const keys = qstashKeys();
// The Xûr digest's webhook: every post it receives.
const webhookPosts: string[] = [];
const webhook = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    webhookPosts.push(body);
    res.writeHead(204).end();
  });
});
// The session cookie of the player the first test signs in.
let cookie = '';

beforeAll(async () => {
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current });
  // The stack sets AUTH_URL to its public URL.
  const { AUTH_URL: _, ...qstashVariables } = qstashEnv(keys, qstash.url);
  stack = await startStack({
    log: () => undefined,
    database: `vr_two_instances_${crypto.randomBytes(4).toString('hex')}`,
    instances: 2,
    // QStash mode: no in-process scheduler in either instance (the test needs no manifest).
    app: {
      authSecret: 'two-instances-secret-two-instances-secret',
      logFile: path.join(root, 'test-results/two-instances.log'),
      env: { ...qstashVariables, NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/digest` },
    },
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await qstash?.close();
  await new Promise((r) => webhook.close(r));
}, 60_000);

async function sessionAnswer(cookie: string) {
  const answer = await fetch(`${stack.appUrl}/api/auth/session`, { headers: { cookie } });
  return { instance: answer.headers.get('x-vr-instance'), status: answer.status, body: (await answer.json()) as { user?: { name?: string } } | null };
}

describe('two app instances behind the round-robin proxy', () => {
  it('alternates requests between the instances, and a player signed in through both stays signed in on each', async () => {
    expect(stack.instances.map((i) => i.index)).toEqual([1, 2]);
    const context = await browser.newContext({ ...DESKTOP, baseURL: stack.appUrl });
    const page = await context.newPage();
    // The sign-in round trip itself spans instances: the CSRF/state cookies one sets, the other checks.
    await signIn(page);
    cookie = (await context.cookies()).filter((c) => c.name.startsWith('authjs.')).map((c) => `${c.name}=${c.value}`).join('; ');
    await context.close();
    expect(cookie).toContain('authjs.session-token=');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await sessionAnswer(cookie));
    const instances = answers.map((a) => a.instance);
    expect(new Set(instances)).toEqual(new Set(['1', '2']));
    for (let i = 1; i < instances.length; i++) expect(instances[i]).not.toBe(instances[i - 1]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body?.user?.name).toBeTruthy();
    }
    // The header is the dev proxy's: an instance asked directly does not set it.
    const direct = await fetch(`${stack.instances[0]!.url}/api/auth/session`, { headers: { cookie } });
    expect(direct.headers.get('x-vr-instance')).toBeNull();
  }, 120_000);

  it('keeps answering from the other instance after one is SIGKILLed, and counts invocations per instance', async () => {
    stack.proxy!.resetCounters();
    await stack.instances[1]!.kill();
    expect(stack.instances[1]!.server.process.signalCode).toBe('SIGKILL');
    const instances = [];
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${stack.appUrl}/api/auth/session`);
      expect(answer.status).toBe(200);
      instances.push(answer.headers.get('x-vr-instance'));
    }
    expect(instances).toEqual(['1', '1', '1']);
    await stack.instances[1]!.restart();
    const counted = stack.proxy!.counters();
    expect(counted).toMatchObject({ requests: 3, functions: 3, proxy: 3, byInstance: [3, 0] });
  }, 120_000);

  // Issue 15, point 5: what one instance knows about a player, the other must know too.
  const itemPost = (route: string, body: unknown) =>
    fetch(`${stack.appUrl}${route}`, { method: 'POST', headers: { cookie, origin: new URL(stack.appUrl).origin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const profileReads = () => stack.sim.stats.byEndpoint.GetProfile ?? 0;

  it('while Bungie is down, forged ids sent to both instances cost ONE profile read: the other instance answers the same failure', async () => {
    expect(cookie).not.toBe('');
    const titan = stack.sim.world.characters[0]!.characterId;
    stack.sim.controls.setOutage(true);
    try {
      const reads = profileReads();
      const answers: [string | null, number, string | undefined][] = [];
      for (let n = 0; n < 4; n++) {
        const answer = await itemPost('/api/items/transfer', { itemId: String(4611686018400000000n + BigInt(n)), itemHash: 1000 + n, from: 'vault', to: titan });
        answers.push([answer.headers.get('x-vr-instance'), answer.status, ((await answer.json()) as { error?: { code: string } }).error?.code]);
      }
      for (let i = 1; i < answers.length; i++) expect(answers[i]![0]).not.toBe(answers[i - 1]![0]);
      expect(answers.map(([, status, code]) => [status, code])).toEqual(Array(4).fill([503, 'bungie_unavailable']));
      expect(profileReads() - reads).toBe(1);
    } finally {
      stack.sim.controls.setOutage(false);
    }
    // The failed read is remembered for 10 s: let it pass before the next test acts.
    await new Promise((r) => setTimeout(r, 10_500));
  }, 60_000);

  it('two actions of one player sent at once through different instances reach Bungie one after the other, ≥ 100 ms apart', async () => {
    const items = stack.sim.world.items.filter((i) => i.itemInstanceId && i.owner === 'vault').slice(0, 2);
    expect(items).toHaveLength(2);
    const from = stack.sim.stats.timeline.length;
    const answers = await Promise.all(items.map((item) => itemPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: !item.locked })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(answers.map((a) => a.headers.get('x-vr-instance')))).toEqual(new Set(['1', '2']));
    const calls = stack.sim.stats.timeline.slice(from);
    const locks = calls.filter((c) => c.endpoint === 'SetLockState');
    expect(locks).toHaveLength(2);
    // Serialized: every call (the profile reads included) arrives after the one before was answered ...
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.arrivedAt).toBeGreaterThanOrEqual(calls[i - 1]!.answeredAt!);
    // ... and the second action call at least 0.1 s after the first was answered (1 ms: Date.now's grain).
    expect(locks[1]!.arrivedAt - locks[0]!.answeredAt!).toBeGreaterThanOrEqual(99);
  }, 60_000);

  it('the same signed Xûr digest posted three times, through both instances, is sent once', async () => {
    // The digest needs the item definitions: one signed refresh delivery ingests them.
    const refreshUrl = `${stack.appUrl}/api/manifest/refresh`;
    const refreshBody = '{"trigger":"schedule"}';
    const refresh = await fetch(refreshUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'upstash-signature': signDelivery({ key: keys.current, url: refreshUrl, body: refreshBody }) }, body: refreshBody });
    expect(refresh.status).toBe(200);
    // The ingest told the webhook about the new manifest; only the digest's posts count from here.
    webhookPosts.length = 0;
    stack.sim.controls.setNow('2026-11-28T12:00:00Z'); // a Saturday: Xûr is here
    const digestUrl = `${stack.appUrl}/api/xur/digest`;
    const signature = signDelivery({ key: keys.current, url: digestUrl, body: '{}' });
    const answers = [];
    for (let n = 0; n < 3; n++) {
      const answer = await fetch(digestUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'upstash-signature': signature }, body: '{}' });
      answers.push([answer.headers.get('x-vr-instance'), answer.status, await answer.json()]);
    }
    expect(new Set(answers.map(([instance]) => instance))).toEqual(new Set(['1', '2']));
    expect(answers.map(([, status, body]) => [status, body])).toEqual([
      [200, { outcome: 'posted' }],
      [200, { outcome: 'already-handled' }],
      [200, { outcome: 'already-handled' }],
    ]);
    expect(webhookPosts).toHaveLength(1);
    expect(webhookPosts[0]).toMatch(/X[uû]r/);
  }, 180_000);
});
