import { spawn } from 'node:child_process';
import { freePort, isListening, waitFor } from './ports';

/** A private redis-server on a free 127.0.0.1 port that keeps nothing on disk. */
export async function startTestRedis(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(() => isListening(port), 10_000, `redis-server did not start on port ${port}.`);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
