import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from './ports';

const root = path.resolve(import.meta.dirname, '../..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const SOURCE_DIRS = ['app', 'components', 'lib', 'public', 'prisma', 'types'];
const SOURCE_FILES = ['next.config.mjs', 'package-lock.json', 'postcss.config.mjs', 'instrumentation.ts', 'proxy.ts', 'tsconfig.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of [...SOURCE_DIRS, ...SOURCE_FILES]) visit(path.join(root, entry));
  return newest;
}

/** Whether `.next` holds a production build at least as new as every source file. */
export function buildIsFresh(): boolean {
  const stat = fs.statSync(path.join(root, '.next/BUILD_ID'), { throwIfNoEntry: false });
  return stat !== undefined && stat.mtimeMs >= newestSourceMtime();
}

/** Runs `next build` (production) unless the existing build is fresh. Throws with the build's last lines. */
export function buildApp(log: (line: string) => void, { force = false } = {}): void {
  if (!force && buildIsFresh()) {
    log('production build is up to date');
    return;
  }
  log('building the app (next build) …');
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`next build failed:\n${tail}`);
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export type AppServer = { url: string; process: ChildProcess; stop(): Promise<void> };

/**
 * Starts `next start` on `port` with `env` added, and waits until `/` answers.
 * `logFile` receives the server's output; without it the output goes to this terminal.
 */
export async function startApp(opts: { port: number; env: Record<string, string>; logFile?: string }): Promise<AppServer> {
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'inherit';
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(opts.port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...opts.env },
    stdio: ['ignore', out, out],
  });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  const url = `http://localhost:${opts.port}`;
  await waitFor(
    async () => {
      if (exited !== null) throw new Error(`the app exited with code ${exited} before answering${opts.logFile ? ` (see ${opts.logFile})` : ''}.`);
      try {
        return (await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) })).status < 500;
      } catch {
        return false;
      }
    },
    // A machine busy with other builds took 80 s to open the embedded database: 60 s was too short.
    180_000,
    `the app did not answer on ${url} within 180 s.`,
  );
  return {
    url,
    process: child,
    stop: async () => {
      if (exited !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // Next closes its listener and then waits for every open request to end: a request that never
      // ends (a hung handler) would keep the app alive with no one to stop it. It gets 10 s.
      const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(late);
    },
  };
}
