import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/dev/services/ports';

// The demo's simulated Bungie stopped with Ctrl+C and started again (issue #14): the player stays
// signed in (their tokens still work, the refresh token still renews them) and the items they moved
// stay moved. Runs the simulator as the demo does, a separate process with its state under a data
// folder, and talks to it over HTTP only.
const root = path.resolve(import.meta.dirname, '../../..');
const KEY = { 'X-API-Key': 'restart-test-key' };

let dir: string;
let port: number;
let sim: ChildProcess | undefined;
const base = () => `http://127.0.0.1:${port}`;

/** Starts `npm run sim` (`node --import tsx`, no tsx CLI between) with a state file; resolves once it listens, with what it printed. */
async function startSim(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(root, 'dev/bungie-sim/main.ts')], {
    cwd: root,
    env: { ...process.env, BUNGIE_SIM_PORT: String(port), BUNGIE_SIM_STATE_FILE: path.join(dir, 'bungie-sim-world.json'), BUNGIE_SIM_REDIRECT_URL: 'http://localhost:3999/api/auth/callback/bungie', BUNGIE_SIM_SEED: '', BUNGIE_SIM_PROFILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sim = child;
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve(out);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening:\n${out}`)));
  });
}

/** Ctrl+C, as a player stops the demo; resolves when the process has exited. */
async function stopSim(): Promise<number | null> {
  const child = sim!;
  sim = undefined;
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

/** The approve click and the code exchange, as the app's sign-in does them. */
async function signIn(): Promise<{ access_token: string; refresh_token: string }> {
  const approve = await fetch(`${base()}/en/OAuth/Authorize`, { method: 'POST', body: new URLSearchParams({ client_id: '40000', response_type: 'code', state: 's' }), redirect: 'manual' });
  const code = new URL(approve.headers.get('location')!).searchParams.get('code')!;
  return token({ grant_type: 'authorization_code', code });
}

async function token(form: Record<string, string>): Promise<{ access_token: string; refresh_token: string }> {
  const response = await fetch(`${base()}/Platform/App/OAuth/token/`, { method: 'POST', body: new URLSearchParams({ ...form, client_id: '40000', client_secret: 'vault-raider-demo-secret' }) });
  const body = (await response.json()) as { access_token: string; refresh_token: string; error_description?: string };
  if (!response.ok) throw new Error(`token refused: ${body.error_description}`);
  return body;
}

/** Bungie's answer to "who is this token" (the call the app makes first after sign-in). */
async function memberships(accessToken: string): Promise<{ ErrorStatus: string; Response?: { destinyMemberships: { membershipType: number; membershipId: string }[] } }> {
  return (await fetch(`${base()}/Platform/User/GetMembershipsForCurrentUser/`, { headers: { ...KEY, Authorization: `Bearer ${accessToken}` } })).json();
}

type Item = { itemInstanceId: string | null; itemHash: number; owner: string; equipped: boolean; bucketHash: number };
const items = async (): Promise<Item[]> => ((await (await fetch(`${base()}/__sim/items`)).json()) as { items: Item[] }).items;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-sim-restart-'));
  port = await freePort();
});
afterAll(async () => {
  if (sim) await stopSim();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo’s simulated Bungie across a restart', () => {
  it('keeps the sign-in and the moved item after Ctrl+C and a new start', async () => {
    expect(await startSim()).toContain('a fresh simulated world');
    const tokens = await signIn();
    const me = await memberships(tokens.access_token);
    expect(me.ErrorStatus).toBe('Success');
    const { membershipType } = me.Response!.destinyMemberships[0]!;
    const item = (await items()).find((i) => i.itemInstanceId && i.owner !== 'vault' && i.owner !== 'profile' && !i.equipped && i.bucketHash !== 215593132)!;
    const moved = await fetch(`${base()}/Platform/Destiny2/Actions/Items/TransferItem/`, {
      method: 'POST',
      headers: { ...KEY, Authorization: `Bearer ${tokens.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ itemReferenceHash: item.itemHash, stackSize: 1, transferToVault: true, itemId: item.itemInstanceId, characterId: item.owner, membershipType }),
    });
    expect(((await moved.json()) as { ErrorStatus: string }).ErrorStatus).toBe('Success');

    expect(await stopSim()).toBe(0);
    // Only the owner may read the saved tokens.
    expect(fs.statSync(path.join(dir, 'bungie-sim-world.json')).mode & 0o077).toBe(0);
    expect(await startSim()).toMatch(/the simulated world and its sign-ins as saved/);

    // Still signed in: the access token works, the refresh token renews it (rotation as before).
    expect((await memberships(tokens.access_token)).ErrorStatus).toBe('Success');
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(renewed.access_token).not.toBe(tokens.access_token);
    expect((await memberships(renewed.access_token)).ErrorStatus).toBe('Success');
    // The item is where it was moved, and the game takes the next action at once (no stale throttle).
    const after = (await items()).find((i) => i.itemInstanceId === item.itemInstanceId)!;
    expect(after.owner).toBe('vault');
    const back = await fetch(`${base()}/Platform/Destiny2/Actions/Items/TransferItem/`, {
      method: 'POST',
      headers: { ...KEY, Authorization: `Bearer ${renewed.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ itemReferenceHash: item.itemHash, stackSize: 1, transferToVault: false, itemId: item.itemInstanceId, characterId: item.owner, membershipType }),
    });
    expect(((await back.json()) as { ErrorStatus: string }).ErrorStatus).toBe('Success');
  }, 180_000);

  it('starts a fresh world when the saved one was made with other settings', async () => {
    if (sim) await stopSim();
    const file = path.join(dir, 'bungie-sim-world.json');
    const save = JSON.parse(fs.readFileSync(file, 'utf8')) as { setup: string };
    fs.writeFileSync(file, JSON.stringify({ ...save, setup: 'another seed' }));
    expect(await startSim()).toMatch(/a fresh simulated world \(the saved world was made with other simulator settings\)/);
    await stopSim();
  }, 120_000);
});
