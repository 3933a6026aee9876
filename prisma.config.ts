import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's config does not load .env by itself; the URL is only needed by commands that talk to
// a database, so `prisma generate` (and therefore `npm ci`) works without one.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  ...(url ? { datasource: { url } } : {}),
});
