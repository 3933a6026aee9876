// npm run db:deploy
// Applies pending prisma/migrations to DATABASE_URL and records them in _prisma_migrations, as
// `prisma migrate deploy` would (that command needs a native engine these machines cannot fetch).
// Run it in the deploy step of a cloud build, before the new version serves traffic.
import { applyMigrations } from '@/lib/db/migrate';

const url = process.env.DATABASE_URL?.trim();
if (!url) {
  console.error('DATABASE_URL is not set: db:deploy applies migrations to that database (the embedded one migrates itself at start-up).');
  process.exit(2);
}

const applied = await applyMigrations(url);
console.log(applied.length === 0 ? 'No pending migrations: the database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}.`);
