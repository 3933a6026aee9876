import 'server-only';
import { getPrisma } from './client';

// Prisma's codes for "cannot reach / lost the database server" (P1001 unreachable, P1002 timed
// out, P1017 server closed the connection, P2024 no pool connection in time).
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// What the pg driver adapter reports for the same.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-03 (shutting down, starting up).
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);
const MESSAGES = /Can't reach database server|Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i;

type Loose = { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } };

/**
 * Whether an error means the database could not be reached or dropped the connection (as opposed
 * to a bug or a refused query). Walks the `cause` chain: Prisma, the pg adapter and pg each wrap.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Loose | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as Loose | undefined, depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
    const adapter = e.meta?.driverAdapterError?.cause;
    if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || SQLSTATE.test(String(adapter.code ?? '')))) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The database is down or unreachable; pages and routes say so instead of failing. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor() {
    super('The database is not answering.');
  }
}

/** Whether the database answers a trivial query now (connecting first if the process never did). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const prisma = await getPrisma();
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
