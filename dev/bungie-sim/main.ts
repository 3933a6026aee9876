/**
 * Runs the Bungie simulator over HTTP: `npx tsx dev/bungie-sim/main.ts`.
 * Env: BUNGIE_SIM_PORT (3100), BUNGIE_SIM_HOST (127.0.0.1), BUNGIE_SIM_REDIRECT_URL, BUNGIE_SIM_SEED,
 * BUNGIE_SIM_API_KEY (unset: any key), BUNGIE_SIM_CLIENT_ID / _SECRET (demo defaults),
 * BUNGIE_SIM_PROFILE, BUNGIE_SIM_VENDORS, BUNGIE_SIM_DEFINITIONS (recorded data to replay),
 * BUNGIE_SIM_WORLD=full, BUNGIE_SIM_VAULT_ITEMS (world size): see env-options.ts.
 * BUNGIE_SIM_STATE_FILE: keep the world and its tokens in this JSON file across restarts (persist.ts).
 */
import { startSimServer } from './http-server';
import { describeSimOptions, simOptionsFromEnv, simSetupFromEnv } from './env-options';
import { createBungieSim } from './index';
import { persistSim } from './persist';

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

async function main(): Promise<void> {
  const port = Number(env('BUNGIE_SIM_PORT') ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('BUNGIE_SIM_PORT must be a port number (0-65535).');
  const simOptions = simOptionsFromEnv();
  const sim = createBungieSim({
    ...simOptions,
    redirectUrl: env('BUNGIE_SIM_REDIRECT_URL'),
    apiKey: env('BUNGIE_SIM_API_KEY'),
    clientId: env('BUNGIE_SIM_CLIENT_ID'),
    clientSecret: env('BUNGIE_SIM_CLIENT_SECRET'),
  });
  const stateFile = env('BUNGIE_SIM_STATE_FILE');
  const kept = stateFile ? persistSim(sim, stateFile, simSetupFromEnv()) : null;
  if (kept) console.log(`Bungie simulator: ${kept.note}`);
  const server = await startSimServer({ sim, host: env('BUNGIE_SIM_HOST') ?? '127.0.0.1', port });
  const described = describeSimOptions(simOptions);
  console.log(`Bungie simulator listening on ${server.url} (client_id ${sim.credentials.clientId}, manifest ${sim.manifest.version})${described ? `; ${described}` : ''}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    kept?.stop();
    kept?.flush();
    void server.close().then(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl+C reaches this process twice (the terminal signals the process group and
  // npm relays it too); a second SIGINT with no listener would end it before the world is saved.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Bungie simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
