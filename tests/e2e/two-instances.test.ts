import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
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

beforeAll(async () => {
  const keys = qstashKeys();
  qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current });
  // The stack sets AUTH_URL to its public URL.
  const { AUTH_URL: _, ...qstashVariables } = qstashEnv(keys, qstash.url);
  stack = await startStack({
    log: () => undefined,
    database: `vr_two_instances_${crypto.randomBytes(4).toString('hex')}`,
    instances: 2,
    // QStash mode: no in-process scheduler in either instance (the test needs no manifest).
    app: { authSecret: 'two-instances-secret-two-instances-secret', logFile: path.join(root, 'test-results/two-instances.log'), env: qstashVariables },
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await qstash?.close();
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
    const cookie = (await context.cookies()).filter((c) => c.name.startsWith('authjs.')).map((c) => `${c.name}=${c.value}`).join('; ');
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
});
