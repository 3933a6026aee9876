import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/dev/services/ports';
import { launchChromium, PHONE } from '@/tests/support/browser';

// `npm run demo` as a player meets it (issue #14, point 9): started on its own ports and data folder,
// the simulated player signs in and is the admin, Ctrl+C stops it with a clean message, and a
// restart keeps the player signed in with their items where they left them.
const root = path.resolve(import.meta.dirname, '../..');
const START_MS = 240_000;

let dataDir: string;
let port: number;
let simPort: number;
let demo: { child: ChildProcess; out: () => string } | undefined;
let browser: Browser;

/** `npm run demo`'s own command line from package.json (its `node` is this Node). */
function demoArgs(): string[] {
  const [command, ...args] = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.demo!.split(' ');
  expect(command).toBe('node');
  return args;
}

/** Starts the demo as `npm run demo` does; resolves once it says it is ready. */
async function startDemo(): Promise<string> {
  const child = spawn(process.execPath, demoArgs(), {
    cwd: root,
    // The world's size and seed as the demo's defaults, not the test run's.
    env: { ...process.env, PORT: String(port), BUNGIE_SIM_PORT: String(simPort), DATA_DIR: dataDir, ADMIN_MEMBERSHIP_IDS: '', BUNGIE_SIM_SEED: '', BUNGIE_SIM_PROFILE: '', BUNGIE_SIM_VAULT_ITEMS: '', BUNGIE_SIM_WORLD: '', BUNGIE_SIM_LATENCY_MS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives a command: Ctrl+C signals the whole group.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  demo = { child, out: () => out };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo was not ready after ${START_MS / 1000} s:\n${out}`)), START_MS);
    const poll = setInterval(() => {
      if (!out.includes('Vault Raider is ready')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before it was ready:\n${out}`));
    });
  });
  return out;
}

/** Whether any process of the demo's group is still running (the demo itself, its `next start`). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ctrl+C as a terminal sends it, to the demo's whole process group; resolves with the exit code,
 * everything the demo printed, and whether anything of it was still running a moment after it
 * exited (then killed, so no app outlives the test).
 */
async function stopDemo(): Promise<{ code: number | null; out: string; leftBehind: boolean }> {
  const { child, out } = demo!;
  demo = undefined;
  const pid = child.pid!;
  const code =
    child.exitCode !== null
      ? child.exitCode
      : await new Promise<number | null>((resolve) => {
          child.once('exit', (c) => resolve(c));
          process.kill(-pid, 'SIGINT');
        });
  let leftBehind = false;
  for (let i = 0; i < 20 && (leftBehind = groupAlive(pid)); i++) await new Promise((r) => setTimeout(r, 250));
  if (leftBehind) process.kill(-pid, 'SIGKILL');
  return { code, out: out(), leftBehind };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-demo-'));
  port = await freePort();
  simPort = await freePort();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  if (demo) await stopDemo();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm run demo', () => {
  it('signs the simulated player in as the admin, stops cleanly on Ctrl+C, and keeps the session and the world across a restart', async () => {
    const first = await startDemo();
    const url = `http://localhost:${port}`;
    expect(first).toContain(`the simulated player is an admin: ${url}/admin`);

    const context = await browser.newContext({ ...PHONE, baseURL: url });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Bungie' }).click();
    await page.waitForURL((u) => u.pathname === '/en/OAuth/Authorize', { timeout: 30_000 });
    await page.getByRole('button', { name: /approve/i }).click();
    await page.waitForURL((u) => u.pathname === '/vault', { timeout: 30_000 });

    // The admin page is the simulated player's: the manifest's status and its refresh.
    const admin = await page.goto('/admin');
    expect(admin?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { name: 'Manifest' }).count()).toBe(1);

    // Change the simulated world (an item leaves the vault), to see the change kept across the restart.
    const sim = `http://127.0.0.1:${simPort}`;
    const vault = async () => ((await (await fetch(`${sim}/__sim/vault`)).json()) as { items: { itemInstanceId: string | null }[] }).items;
    const before = await vault();
    const gone = before.find((i) => i.itemInstanceId)!.itemInstanceId!;
    const removed = await fetch(`${sim}/__sim/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ removeItem: gone }) });
    expect(removed.ok).toBe(true);

    const stopped = await stopDemo();
    expect(stopped.code).toBe(0);
    expect(stopped.out).toContain('[demo] stopping …');
    expect(stopped.out).toContain('[demo] stopped.');
    expect(stopped.out).not.toMatch(/the app stopped|code 130/);
    expect(stopped.leftBehind, 'a process of the demo outlived it').toBe(false);

    await startDemo();
    // Same browser, same cookie: still signed in after the restart, and the removed item is still gone.
    await page.goto('/vault');
    expect(new URL(page.url()).pathname).toBe('/vault');
    await expect.poll(() => page.getByText(/session has ended/i).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign in with Bungie' }).count()).toBe(0);
    const after = await vault();
    expect(after).toHaveLength(before.length - 1);
    expect(after.some((i) => i.itemInstanceId === gone)).toBe(false);
    // With the signed-in page still open on it (its connections too), as a player stops it.
    const again = await stopDemo();
    await context.close();
    expect(again.code).toBe(0);
    expect(again.out).toContain('[demo] stopped.');
    expect(again.out).not.toMatch(/the app stopped|code 130/);
    expect(again.leftBehind, 'a process of the demo outlived it').toBe(false);
  }, 600_000);
});
