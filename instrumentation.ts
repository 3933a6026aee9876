/**
 * Runs once when the Next.js server starts: checks the configuration, says which backend each
 * concern uses, and prepares the database (embedded start + migrations) before the first request.
 */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker, not configuration.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/startup');
  await startServer();
}
