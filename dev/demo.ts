/**
 * `npm run demo`: the whole app on one machine with no account and no secret — the Bungie
 * simulator, the embedded database and a production build on http://localhost:$PORT (3000).
 * `PORT` moves the app and `BUNGIE_SIM_PORT` (3100) the simulator, so two demos can run side by side.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeSimOptions, simOptionsFromEnv, simSetupFromEnv } from './bungie-sim/env-options';
import { createBungieSim } from './bungie-sim/index';
import { startSimServer } from './bungie-sim/http-server';
import { persistSim } from './bungie-sim/persist';
import { buildApp, startApp } from './services/app-server';
import { isListening } from './services/ports';

const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`[demo] ${line}`);

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number between 1 and 65535 (got "${raw}").`);
  return port;
}

/** The demo's Auth.js secret: made once, kept under the data folder, never printed. */
function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const port = portFrom('PORT', 3000);
  const simPort = portFrom('BUNGIE_SIM_PORT', 3100);
  // Each demo port gets its own embedded database: two servers must never share one PGlite folder.
  const dataDir = path.resolve(root, process.env.DATA_DIR || (port === 3000 ? '.data' : `.data/port-${port}`));
  for (const [name, p] of [['PORT', port], ['BUNGIE_SIM_PORT', simPort]] as const) {
    if (await isListening(p)) throw new Error(`Port ${p} is already in use: set ${name} to a free port.`);
  }

  buildApp(log);

  const appUrl = `http://localhost:${port}`;
  const simOptions = simOptionsFromEnv();
  const sim = createBungieSim({ ...simOptions, redirectUrl: `${appUrl}/api/auth/callback/bungie` });
  // The world and its sign-ins outlive a restart: the player stays signed in (their session is in
  // the embedded database, the simulated Bungie's tokens here) and their items stay where they left them.
  const kept = persistSim(sim, path.join(dataDir, 'bungie-sim-world.json'), simSetupFromEnv());
  const simServer = await startSimServer({ sim, port: simPort });
  const described = describeSimOptions(simOptions);
  log(`Bungie simulator on ${simServer.url}${described ? ` (${described})` : ''}: ${kept.note}`);

  const app = await startApp({
    port,
    env: {
      AUTH_URL: appUrl,
      AUTH_SECRET: demoSecret(dataDir),
      BUNGIE_SIMULATOR_URL: simServer.url,
      DATA_DIR: dataDir,
      // The simulated player runs the demo's server: /admin (manifest status, "Refresh now") is theirs.
      ADMIN_MEMBERSHIP_IDS: process.env.ADMIN_MEMBERSHIP_IDS || sim.world.player.bungieMembershipId,
    },
  });
  log(`Vault Raider is ready: open ${appUrl} and sign in (the simulated player is an admin: ${appUrl}/admin). Ctrl+C stops it.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping …');
    kept.stop();
    kept.flush();
    await app.stop();
    await simServer.close();
    log('stopped.');
    process.exit(0);
  };
  // `on`, not `once`: Ctrl+C signals the whole process group and npm relays it to this process
  // again; a second SIGINT with no listener would end it mid-stop (before "stopped."). The script
  // runs as `node --import tsx`, not under tsx's CLI: that CLI relays a signal to its child and, if
  // the child has not acknowledged it within 30 ms (a loaded machine), kills it with SIGKILL, which
  // left the app running with no demo to stop it.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  app.process.once('exit', (code) => {
    // Ctrl+C reaches the app too (one process group): its exit is then part of the stop, not news.
    if (stopping) return;
    log(`the app stopped by itself (exit code ${code ?? 'signal'}); see the lines above.`);
    kept.stop();
    kept.flush();
    void simServer.close().finally(() => process.exit(code ?? 1));
  });
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
