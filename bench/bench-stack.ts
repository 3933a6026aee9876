/**
 * What the browser benches share: the stack as bench:pages starts it (a fresh database, the
 * simulator at zero latency, a production build, the rate limits off: a bench's requests in a row
 * are not a player's), and a runner that stops everything whether the bench ends or throws.
 */
import path from 'node:path';
import { startStack, type Stack } from '../dev/services/stack';

const root = path.resolve(import.meta.dirname, '..');

/** Clean-ups a bench pushes as it starts things; they run last pushed first. */
export type Cleanups = Array<() => Promise<unknown>>;

/** Starts the stack for bench `name` (its app log in test-results/bench-<name>-app.log) and registers its stop. */
export async function startBenchStack(name: string, log: (line: string) => void, cleanups: Cleanups): Promise<Stack> {
  const stack = await startStack({
    log,
    database: `vault_raider_bench_${name}_${Date.now()}`,
    simLatencyMs: 0,
    build: true,
    app: {
      authSecret: 'bench-secret-bench-secret-bench-secret-01',
      logFile: path.join(root, `test-results/bench-${name}-app.log`),
      env: { LOG_LEVEL: 'warn', RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0' },
      manifestTimeoutMs: 180_000,
    },
  });
  cleanups.push(stack.stop);
  return stack;
}

/** Runs `main`, then the clean-ups; a failure is one line on stderr and exit code 1. */
export function runBench(main: (cleanups: Cleanups) => Promise<void>, log: (line: string) => void): void {
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  };
  main(cleanups)
    .then(cleanup)
    .catch(async (error: unknown) => {
      await cleanup();
      log(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
