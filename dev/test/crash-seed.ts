/**
 * The crash drill's players, seeded into the embedded database before the app first opens it (two
 * processes never share a PGlite folder): users signed in as Auth.js leaves them (user, account
 * with encrypted Bungie tokens, session). Player 0 is the simulator's own Bungie.net account, the
 * admin. Returns their session cookies.
 */
import type { BungieSim } from '../bungie-sim/index';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { applyMigrations } from '../../lib/db/migrate';
import { seedPlayers } from '../services/seed-players';

/** `seedPlayers` into the PGlite folder `dataDir`, migrated first, then closed for the app to open. */
export async function seedEmbeddedPlayers(dataDir: string, sim: BungieSim, count: number, authSecret: string): Promise<string[]> {
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await applyMigrations(embedded.url);
    return await seedPlayers(embedded.url, sim, count, authSecret);
  } finally {
    await embedded.stop();
  }
}
