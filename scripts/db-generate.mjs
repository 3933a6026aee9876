// Runs `prisma generate` without the native schema engine, which cannot be downloaded here.
// Every Prisma CLI command first looks for that engine; generation never runs it, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file (this Node binary) is enough.
// Plain .mjs so it runs from `postinstall` on any shell, before anything else is built.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const prismaCli = createRequire(path.join(root, 'package.json')).resolve('prisma/build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    // No update check or telemetry: these machines reach only the npm registry.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});

if (result.error) throw result.error;
process.exit(result.status ?? 1);
