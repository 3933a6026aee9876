import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBungieSim, type BungieSim } from '@/dev/bungie-sim';
import { startSimServer } from '@/dev/bungie-sim/http-server';
import { startApp, type AppServer } from '@/dev/services/app-server';
import { freePort, waitFor } from '@/dev/services/ports';
import { launchChromium } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// A character id that is not the player's must answer a real HTTP 404 even from a server process
// that has never seen the player (a fresh start, another instance). This file runs its own built
// app next to its own simulator, signs in, restarts the app, and asks with the session cookie.
const cleanups: Array<() => Promise<unknown>> = [];
let sim: BungieSim;
let browser: Browser;
let db: TestDatabase;
let app: AppServer;
let env: Record<string, string>;
let port: number;
let cookie = '';
let simUrl = '';

beforeAll(async () => {
  port = await freePort();
  const appUrl = `http://localhost:${port}`;
  // Its own simulator, whose OAuth page sends the browser back to this app.
  sim = createBungieSim({ redirectUrl: `${appUrl}/api/auth/callback/bungie` });
  const simServer = await startSimServer({ sim, port: 0 });
  simUrl = simServer.url;
  cleanups.push(simServer.close);
  db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-404-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  env = { AUTH_URL: appUrl, AUTH_SECRET: 'fresh-process-secret-fresh-process-0123', BUNGIE_SIMULATOR_URL: simServer.url, DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
  const logFile = path.resolve(import.meta.dirname, '../../test-results/app-fresh-process.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  app = await startApp({ port, env, logFile });
  const ingested = async () => {
    try {
      return Boolean(((await (await fetch(`${app.url}/api/manifest/status`)).json()) as { current?: unknown }).current);
    } catch {
      return false; // busy ingesting, or not listening yet
    }
  };
  await waitFor(ingested, 120_000, 'the fresh app did not ingest the manifest');
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Bungie' }).click();
  await page.getByRole('button', { name: /approve/i }).click();
  await page.waitForURL((url) => url.pathname === '/vault');
  const session = (await context.cookies()).find((c) => c.name === 'authjs.session-token')!;
  cookie = `${session.name}=${session.value}`;
  await context.close();
  // Signing in landed on /vault, whose profile taught this process the characters: start afresh.
  await app.stop();
  app = await startApp({ port, env, logFile });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

const timed = async (url: string) => {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
};

describe('a character route in a fresh server process', () => {
  it("answers 404 for someone else's character on the first request, and 200 for the player's own", async () => {
    const world = sim.world;
    const own = world.characters[0]!.characterId;
    const profiles = () => sim.stats.byEndpoint.GetProfile ?? 0;

    // Warm the route up without teaching the process anything: an id that cannot be one is refused before any Bungie call.
    const before = profiles();
    expect((await timed(`${app.url}/characters/not-a-character`)).status).toBe(404);
    expect(profiles()).toBe(before);

    const miss = await timed(`${app.url}/characters/2305843009999999999`);
    expect(miss.status).toBe(404);
    // One small GetProfile (the character list) decided it; the page never read the profile.
    expect(profiles() - before).toBe(1);

    const hit = await timed(`${app.url}/characters/2305843009999999998`);
    expect(hit.status).toBe(404);
    expect(profiles() - before).toBe(1);

    const mine = await timed(`${app.url}/characters/${own}`);
    expect(mine.status).toBe(200);
    // The page’s own GetProfile only: the check knew the characters already.
    expect(profiles() - before).toBe(2);
    // What the miss added: one GetProfile for component 100, timed against this simulator.
    const m = world.player.memberships[0]!;
    const token = sim.issueTokens().access_token;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await (await fetch(`${simUrl}/Platform/Destiny2/${m.membershipType}/Profile/${m.membershipId}/?components=100`, { headers: { 'X-API-Key': 'k', Authorization: `Bearer ${token}` } })).text();
      samples.push(performance.now() - started);
    }
    const median = samples.sort((a, b) => a - b)[10]!;
    console.log(`[404] GetProfile(100) against the simulator: median ${median.toFixed(1)} ms`);
    console.log(`[404] fresh process: foreign id ${miss.ms.toFixed(1)} ms (one GetProfile 100), again ${hit.ms.toFixed(1)} ms (no Bungie call), own character page ${mine.ms.toFixed(1)} ms`);
  });
});
