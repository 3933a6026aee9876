/**
 * `npm run test:faults`: builds the app if needed, starts the fault stack (dev/test/fault-stack.ts:
 * cloud mode on a private redis-server and a private PostgreSQL cluster), runs tests/faults in
 * Chromium — each fault injected, the page checked, the fault cleared, the page checked again —
 * then prints the fault table the tests wrote to test-results/faults.md. Arguments after `--` go
 * to vitest.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../services/app-server';
import { chromiumPath, ensureOsPackages, requirements } from '../services/os-packages';
import { startFaultStack } from './fault-stack';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(root, 'test-results');
const log = (line: string) => console.log(`[faults] ${line}`);

/** Runs the `faults` vitest project against a started stack; resolves with vitest's exit code. */
export function runFaultTests(stack: { appUrl: string; simUrl: string; controlUrl: string }, args: string[], extraArgs: string[] = []): Promise<number> {
  const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', '--project', 'faults', ...extraArgs, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: stack.appUrl, E2E_SIM_URL: stack.simUrl, FAULTS_CONTROL_URL: stack.controlUrl, CHROMIUM_PATH: chromiumPath() ?? '' },
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.rmSync(path.join(resultsDir, 'faults.md'), { force: true });
  ensureOsPackages([requirements.postgresql, requirements.redis, requirements.chromium], log);
  buildApp(log);
  const logFile = path.join(resultsDir, 'faults-app-server.log');
  fs.rmSync(logFile, { force: true });
  const stack = await startFaultStack(log, logFile);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stack.stop().finally(() => process.exit(130)));
  log(`app at ${stack.appUrl} (private PostgreSQL and redis-server, manifest through the Upstash bridge)`);
  let code = 1;
  try {
    code = await runFaultTests(stack, process.argv.slice(2));
  } finally {
    await stack.stop();
  }
  const table = path.join(resultsDir, 'faults.md');
  if (fs.existsSync(table)) console.log(`\n${fs.readFileSync(table, 'utf8')}`);
  return code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(`[faults] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
