import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
import { signDelivery } from '@/dev/qstash-emulator/sign';
import { startStack, type Stack } from '@/dev/services/stack';
import { RedisConnection } from '@/dev/upstash-bridge/redis-connection';
import type { ManifestStatus } from '@/lib/manifest/status';
import { DESKTOP, launchChromium } from '@/tests/support/browser';
import { hydrated } from '@/tests/support/inventory';
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
  // A retry 0.5 s after a failed delivery (QStash backs off longer; the test need not wait).
  qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, retryDelayMs: 500 });
  // The stack sets AUTH_URL to its public URL.
  const { AUTH_URL: _, ...qstashVariables } = qstashEnv(keys, qstash.url);
  stack = await startStack({
    log: () => undefined,
    database: `vr_two_instances_${crypto.randomBytes(4).toString('hex')}`,
    instances: 2,
    // A manifest big enough that its ingest can be watched from the other instance, and killed mid-write.
    simItemCount: 15_000,
    // QStash mode: no in-process scheduler in either instance; the manifest is ingested by the refresh tests below.
    app: {
      authSecret: 'two-instances-secret-two-instances-secret',
      logFile: path.join(root, 'test-results/two-instances.log'),
      env: { ...qstashVariables, NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/digest` },
      simPlayerIsAdmin: true,
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

});

describe('a manifest refresh seen and finished across instances', () => {
  let cookie = '';

  beforeAll(async () => {
    const context = await browser.newContext({ ...DESKTOP, baseURL: stack.appUrl });
    await signIn(await context.newPage());
    cookie = (await context.cookies()).filter((c) => c.name.startsWith('authjs.')).map((c) => `${c.name}=${c.value}`).join('; ');
    await context.close();
    // The simulator, the Upstash bridge and the QStash emulator share this process: the zip is
    // built now, not while a refresh runs (building it would stall the bridge, and the run's
    // lease renewals with it).
    await stack.sim.manifestZip();
  }, 180_000);

  /** The admin status as one instance answers it (asked directly, not through the proxy). */
  async function statusFrom(index: number): Promise<ManifestStatus> {
    const url = `${stack.instances[index]!.url}/api/manifest/status`;
    const read = () => fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
    // A keep-alive connection the instance closed as this process reused it ("other side closed",
    // Node's client, not the app): a GET, so asked again once on a fresh connection.
    const answer = await read().catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return read();
      throw error;
    });
    expect(answer.status).toBe(200);
    return (await answer.json()) as ManifestStatus;
  }

  let lastSeen: unknown;
  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    lastSeen = undefined;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; last seen: ${JSON.stringify(lastSeen)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * "Refresh now" sent to instance 1 directly; QStash delivers it through the proxy to whichever
   * instance is next. Answers the index of the instance that runs it.
   */
  async function refreshNow(): Promise<{ runner: number; messageId: string }> {
    stack.proxy!.resetCounters();
    const asked = await fetch(`${stack.instances[0]!.url}/api/manifest/revalidate`, {
      method: 'POST', headers: { cookie, origin: stack.appUrl, 'content-type': 'application/json' }, body: '{}',
    });
    expect(asked.status).toBe(202);
    const { jobId } = (await asked.json()) as { jobId: string };
    // Counted as the proxy sends it on: the delivery is awaited until the ingest ends.
    const sent = await until('the delivery to reach an instance', async () => {
      const counted = stack.proxy!.counters().sentByInstance;
      return counted.some((n) => n > 0) ? counted : undefined;
    }, 60_000);
    expect(sent.reduce((a, b) => a + b)).toBe(1);
    return { runner: sent.findIndex((n) => n > 0), messageId: jobId };
  }

  /** Redis' manifest versions, read from redis-server directly: the distinct ids of the definition keys. */
  async function versionsInRedis(): Promise<string[]> {
    const connection = await RedisConnection.open(stack.redis.url);
    const ids = new Set<string>();
    try {
      let cursor = '0';
      do {
        const [reply] = await connection.send([['SCAN', cursor, 'MATCH', 'vr:manifest:v:*', 'COUNT', '1000']]);
        const [next, keys] = reply as [Buffer, Buffer[]];
        cursor = next.toString();
        for (const key of keys) ids.add(key.toString().split(':')[3]!);
      } while (cursor !== '0');
    } finally {
      connection.close();
    }
    return [...ids].sort();
  }

  it('shows live progress of a refresh running on one instance when the other answers', async () => {
    const { runner, messageId } = await refreshNow();
    const other = 1 - runner;
    const seen: ManifestStatus['running'][] = [];
    const writing = await until('the other instance to show the refresh writing', async () => {
      const status = await statusFrom(other);
      lastSeen = { other, runner, running: status.running, active: status.active, current: status.current?.version, proxy: stack.proxy!.counters().byInstance };
      const running = status.running;
      if (running) seen.push(running);
      return running?.progress.phase === 'writing' && running.progress.definitionsWritten > 0 ? running : undefined;
    }, 120_000);
    expect(writing).toMatchObject({ trigger: 'admin', progress: { phase: 'writing', table: expect.any(String) } });
    // The other instance runs nothing itself: what it shows came from the store.
    const done = await until('the delivery to finish', async () => qstash.deliveries().find((d) => d.messageId === messageId && d.state !== 'pending'), 120_000);
    expect(done).toMatchObject({ state: 'delivered', attempts: 1 });
    const after = await statusFrom(other);
    expect(after.running).toBeNull();
    expect(after.current?.version).toBe(stack.sim.manifest.version);
    expect(after.lastRefresh).toMatchObject({ outcome: 'updated', trigger: 'admin', version: stack.sim.manifest.version });
    // Progress was live: the count grew while the other instance watched.
    const counts = seen.filter((r) => r?.progress.phase === 'writing').map((r) => r!.progress.definitionsWritten);
    expect(counts.length).toBeGreaterThan(0);
  }, 240_000);

  it('an instance SIGKILLed mid-write: QStash’s next delivery completes the ingest, the killed run is marked failed, Redis holds one version', async () => {
    const published = stack.sim.controls.publishManifest({ modify: 200, add: 50 }).version;
    // Built before any request: building blocks this process for seconds, long enough for an
    // instance to close the idle keep-alive connection the next POST would reuse.
    await stack.sim.manifestZip();
    const old = (await statusFrom(0)).current!;
    const { runner, messageId } = await refreshNow();
    const other = 1 - runner;
    const writing = await until('the refresh to be writing', async () => {
      const status = await statusFrom(other);
      lastSeen = { other, runner, running: status.running, active: status.active };
      return status.running?.progress.phase === 'writing' && status.running.progress.definitionsWritten > 0 ? status : undefined;
    }, 120_000);
    await stack.instances[runner]!.kill();
    // Killed before the flip: the old version is still the one pages read, its partial version left in Redis.
    const afterKill = await statusFrom(other);
    expect(afterKill.current?.versionId).toBe(old.versionId);
    expect(writing.running?.trigger).toBe('admin');
    expect((await versionsInRedis()).length).toBe(2);

    // The proxy answers QStash 502 for the dead instance; its retry reaches the live one, whose run
    // waits for the dead lease to lapse (≤ 30 s), takes over and ingests.
    const delivery = await until('the retried delivery to finish', async () => qstash.deliveries().find((d) => d.messageId === messageId && d.state !== 'pending'), 150_000);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(delivery.answer!)).toMatchObject({ outcome: 'updated', version: published });

    const status = await statusFrom(other);
    expect(status.current?.version).toBe(published);
    expect(status.running).toBeNull();
    const killed = status.history.filter((r) => r.outcome === 'failed');
    expect(killed).toHaveLength(1);
    expect(killed[0]).toMatchObject({ trigger: 'admin', finishedAt: expect.any(String) });
    expect(killed[0]!.error).toContain('lease lapsed');
    expect(status.history.some((r) => r.outcome === 'running')).toBe(false);
    // The sweep at the start of the completing ingest removed the dead run's partial version.
    expect(await versionsInRedis()).toEqual([status.current!.versionId]);
    await stack.instances[runner]!.restart();
  }, 300_000);
});

// After the refresh tests: by now the manifest is ingested (the digest needs its definitions).
describe('QStash deliveries across instances', () => {
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

// After the refreshes above: the manifest is in. Issue 15: the vault's 30 s refresh is one request, not two.
describe('the vault page in cloud mode', () => {
  it('refreshes with /api/profile alone while the tags are unchanged; a tag set on another device names a new version and shows at the next refresh', async () => {
    const contextA = await browser.newContext({ ...DESKTOP, baseURL: stack.appUrl });
    const a = await contextA.newPage();
    // Device B runs on a clock the test moves: its 30 s refresh comes when the test says so.
    const contextB = await browser.newContext({ ...DESKTOP, baseURL: stack.appUrl });
    await contextB.clock.install();
    const b = await contextB.newPage();
    try {
      await signIn(a);
      await signIn(b);
      await b.locator('[data-testid="vault-count"]').waitFor();
      await hydrated(b);
      const id = (await b.locator('[data-group="weapons"] button[data-item-id]').first().getAttribute('data-item-id'))!;
      const tile = b.locator(`main button[data-item-id="${id}"]`);
      expect(await tile.getAttribute('data-tag')).toBeNull();
      const reads: string[] = [];
      const versions: (string | null)[] = [];
      b.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (path === '/api/annotations' || path === '/api/profile') reads.push(`${path} ${r.status()}`);
        if (path === '/api/profile') void r.headerValue('x-marks-version').then((v) => versions.push(v));
      });
      const count = (path: string) => reads.filter((r) => r.startsWith(`${path} `)).length;
      /** One refresh period on B's clock, and the requests it brings. */
      const refresh = async () => {
        const polled = b.waitForResponse((r) => new URL(r.url()).pathname === '/api/profile');
        await b.clock.fastForward(31_000);
        await polled;
        await b.waitForTimeout(1_500);
      };

      // The first refresh reads the list once (which version the rendered tiles are is not known; a
      // player without a version yet gets none named, and the list's read sets it) …
      await refresh();
      const first = count('/api/annotations');
      expect(first).toBeGreaterThanOrEqual(1);
      versions.length = 0;
      // … then three more: the poll names the same version each time, and no list is asked for.
      for (let i = 0; i < 3; i++) await refresh();
      expect(count('/api/profile')).toBeGreaterThanOrEqual(4);
      expect(count('/api/annotations')).toBe(first);
      expect(versions.filter((v) => v !== null).length).toBe(versions.length);
      expect(new Set(versions).size).toBe(1);

      // Device A tags the item: the version changes, B's next poll names it, and B reads the list once.
      expect(await a.evaluate(async (item) => (await fetch(`/api/annotations/${item}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tag: 'junk' }) })).status, id)).toBe(200);
      await refresh();
      expect(count('/api/annotations')).toBe(first + 1);
      expect(new Set(versions).size).toBe(2);
      await b.locator(`main button[data-item-id="${id}"][data-tag="junk"]`).waitFor({ timeout: 10_000 });
      await a.evaluate(async (item) => void (await fetch(`/api/annotations/${item}`, { method: 'DELETE' })), id);
    } finally {
      await contextB.close();
      await contextA.close();
    }
  }, 180_000);
});
