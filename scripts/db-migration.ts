// npm run db:migration -- <name>
// Writes the next prisma/migrations/<stamp>_<name>/migration.sql from the difference between the
// migrations folder and prisma/schema.prisma, or says "nothing to do" when they agree. It replaces
// `prisma migrate dev --create-only`, which needs the native engine this machine cannot download.
import { writeMigration, DEFAULT_MIGRATIONS_DIR } from '@/lib/db/migration-files';
import { diffMigrationsToSchema } from '@/lib/db/migrate';

const name = process.argv[2];
if (!name) {
  console.error('Usage: npm run db:migration -- <name>   (for example: add_manifest_table)');
  process.exit(2);
}

const sql = await diffMigrationsToSchema();
if (sql === '') {
  console.log('Nothing to do: prisma/migrations already matches prisma/schema.prisma.');
} else {
  const folder = await writeMigration(DEFAULT_MIGRATIONS_DIR, name, sql);
  console.log(`Wrote prisma/migrations/${folder}/migration.sql. Review it, then commit it with the schema change.`);
}
