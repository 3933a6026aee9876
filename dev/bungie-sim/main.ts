/**
 * Runs the Bungie simulator over HTTP: `npx tsx dev/bungie-sim/main.ts`.
 * Env: BUNGIE_SIM_PORT (3100), BUNGIE_SIM_HOST (127.0.0.1), BUNGIE_SIM_REDIRECT_URL, BUNGIE_SIM_SEED,
 * BUNGIE_SIM_API_KEY (unset: any key), BUNGIE_SIM_CLIENT_ID / _SECRET (demo defaults),
 * BUNGIE_SIM_PROFILE, BUNGIE_SIM_VENDORS, BUNGIE_SIM_DEFINITIONS (recorded data to replay).
 */
import { startSimServer } from './http-server';
import { createBungieSim, loadReplay } from './index';

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

async function main(): Promise<void> {
  const port = Number(env('BUNGIE_SIM_PORT') ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('BUNGIE_SIM_PORT must be a port number (0-65535).');
  const replay = loadReplay({ profile: env('BUNGIE_SIM_PROFILE'), vendors: env('BUNGIE_SIM_VENDORS'), definitionsDir: env('BUNGIE_SIM_DEFINITIONS') });
  const sim = createBungieSim({
    seed: env('BUNGIE_SIM_SEED') ? Number(env('BUNGIE_SIM_SEED')) : undefined,
    redirectUrl: env('BUNGIE_SIM_REDIRECT_URL'),
    apiKey: env('BUNGIE_SIM_API_KEY'),
    clientId: env('BUNGIE_SIM_CLIENT_ID'),
    clientSecret: env('BUNGIE_SIM_CLIENT_SECRET'),
    replay,
  });
  const server = await startSimServer({ sim, host: env('BUNGIE_SIM_HOST') ?? '127.0.0.1', port });
  const replayed = Object.keys(replay).length ? ` replaying ${Object.keys(replay).join(', ')}` : '';
  console.log(`Bungie simulator listening on ${server.url} (client_id ${sim.credentials.clientId}, manifest ${sim.manifest.version})${replayed}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Bungie simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
