/**
 * A server process holding the embedded database as `next start` does, for the durability tests:
 * opens `DATA_DIR`'s database, writes one row per line read from stdin (answering "ok <n>" once
 * committed), and on SIGTERM/SIGINT lets an HTTP server's handler exit the process the way Next's
 * does (after closing its server), racing the database's own close.
 */
import http from 'node:http';
import readline from 'node:readline';
import pg from 'pg';
import { getEmbeddedPostgres } from '@/lib/db/embedded';

const embedded = await getEmbeddedPostgres();
const server = http.createServer((_req, res) => res.end('ok'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(signal === 'SIGTERM' ? 143 : 130)));
}
const client = new pg.Client({ connectionString: embedded.url });
// The database closing under it at a signal is expected.
client.on('error', () => undefined);
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS acknowledged (n int PRIMARY KEY)');
process.stdout.write(`ready ${embedded.recoveredAtStart ? 'recovered' : 'clean'}\n`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  const n = Number(line);
  await client.query('INSERT INTO acknowledged (n) VALUES ($1)', [n]);
  process.stdout.write(`ok ${n}\n`);
}
