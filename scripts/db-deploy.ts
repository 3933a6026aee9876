// npm run db:deploy
// Applies pending prisma/migrations to the database (DATABASE_DIRECT_URL, else DATABASE_URL) and
// records them in _prisma_migrations, as `prisma migrate deploy` would (that command needs a
// native engine these machines cannot fetch). Run it in a cloud build's command, before the new
// version serves traffic; on a Vercel preview build it does nothing.
import { ConfigError, loadMigrationTarget } from '@/lib/config';
import { applyMigrations } from '@/lib/db/migrate';

let target;
try {
  target = loadMigrationTarget(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (target.kind === 'skip') {
  console.log(`Migrations skipped: ${target.reason}`);
  process.exit(0);
}

const applied = await applyMigrations(target.url);
console.log(applied.length === 0 ? 'No pending migrations: the database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}.`);
