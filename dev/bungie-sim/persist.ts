/**
 * Keeps a simulator's world (characters, items, the vault's size) and its OAuth state (codes,
 * access and refresh tokens, authorization records) in one JSON file, so a demo stopped with
 * Ctrl+C and started again finds the player signed in and their items where they left them.
 * Only for the demo and `npm run sim` with a state file: tests make fresh simulators.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuthState } from './auth';
import { createRng } from './prng';
import type { World } from './world/world';

type Entries<M> = M extends Map<infer K, infer V> ? [K, V][] : never;

/** What the file holds. `setup` names the options the world came from (seed, replayed profile, size). */
export type SimSave = {
  version: 1;
  setup: string;
  savedAt: string;
  world: World;
  auth: { codes: Entries<AuthState['codes']>; access: Entries<AuthState['access']>; refresh: Entries<AuthState['refresh']>; records: Entries<AuthState['records']> };
};

/** The parts of a simulator a save reads and replaces. */
export type Persistable = { world: World; auth: AuthState };

/** The save of `state` for `setup` (plain JSON). */
export function snapshotSim(state: Persistable, setup: string, now = new Date()): SimSave {
  const { codes, access, refresh, records } = state.auth;
  return { version: 1, setup, savedAt: now.toISOString(), world: state.world, auth: { codes: [...codes], access: [...access], refresh: [...refresh], records: [...records] } };
}

/**
 * Puts a save back into `state`. The token generator is reseeded at random: replayed from the
 * seed it would mint tokens the saved ones already are.
 */
export function restoreSim(state: Persistable, save: SimSave): void {
  // The game's 0.1 s action throttle counts from this process's clock, which started again at 0.
  state.world = { ...save.world, lastActionAt: Number.NEGATIVE_INFINITY };
  state.auth.codes = new Map(save.auth.codes);
  state.auth.access = new Map(save.auth.access);
  state.auth.refresh = new Map(save.auth.refresh);
  state.auth.records = new Map(save.auth.records);
  state.auth.rng = createRng(crypto.randomInt(2 ** 31));
}

/** Writes the file whole or not at all (a stop mid-write leaves the last save), readable by its owner only: it holds tokens. */
export function writeSave(file: string, save: SimSave): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(save), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * The save in `file` when it is one of this setup's; otherwise undefined and why (missing, from
 * another seed or profile, unreadable) — the caller starts a fresh world then.
 */
export function readSave(file: string, setup: string): { save: SimSave } | { reason: string } {
  if (!fs.existsSync(file)) return { reason: 'no saved world yet' };
  try {
    const save = JSON.parse(fs.readFileSync(file, 'utf8')) as SimSave;
    if (save.version !== 1 || !Array.isArray(save.world?.items) || !Array.isArray(save.auth?.access)) return { reason: `${file} is not a saved simulator world` };
    if (save.setup !== setup) return { reason: 'the saved world was made with other simulator settings' };
    return { save };
  } catch (error) {
    return { reason: `${file} could not be read (${(error as Error).message})` };
  }
}

/**
 * Keeps `state()` saved in `file`: every `everyMs` when it changed (a crash loses at most that
 * much), and on `flush()` (a clean stop). `stop()` ends the timer without saving.
 */
export function keepSaved(file: string, setup: string, state: () => Persistable, everyMs = 5000): { flush(): void; stop(): void } {
  let last = '';
  const save = () => {
    const snapshot = snapshotSim(state(), setup);
    const fingerprint = JSON.stringify([snapshot.world, snapshot.auth]);
    if (fingerprint === last) return;
    writeSave(file, snapshot);
    last = fingerprint;
  };
  const timer = setInterval(() => {
    try {
      save();
    } catch (error) {
      console.error(`[sim] could not save the world to ${file}: ${(error as Error).message}`);
    }
  }, everyMs);
  timer.unref();
  return { flush: save, stop: () => clearInterval(timer) };
}

/**
 * Restores `sim` from `file` when it holds a world of the same `setup`, then keeps it saved there.
 * `note` says which happened, for the start-up log.
 */
export function persistSim(sim: { persistent: Persistable }, file: string, setup: string, everyMs?: number): { restored: boolean; note: string; flush(): void; stop(): void } {
  const found = readSave(file, setup);
  if ('save' in found) restoreSim(sim.persistent, found.save);
  const kept = keepSaved(file, setup, () => sim.persistent, everyMs);
  const note = 'save' in found ? `the simulated world and its sign-ins as saved ${found.save.savedAt} (${file}; delete it for a fresh world)` : `a fresh simulated world (${found.reason}), kept in ${file}`;
  return { restored: 'save' in found, note, ...kept };
}
