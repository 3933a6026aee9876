import type { ChildProcess } from 'node:child_process';

/** A server process that can be stopped and started again (same port, same data). */
export type Restartable = {
  /** Starts the process unless it runs; resolves once `ready` resolves. */
  start(): Promise<void>;
  /** Stops the process if it runs; resolves once it has exited. */
  stop(): Promise<void>;
};

/**
 * Wraps a server process so it can be stopped and started again: `spawn` starts it, `ready`
 * waits until it answers, `kill` asks it to exit (default SIGTERM). Starts it once before resolving.
 */
export async function startRestartable(opts: {
  spawn: () => ChildProcess;
  ready: () => Promise<void>;
  kill?: (child: ChildProcess) => void;
}): Promise<Restartable> {
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    const started = opts.spawn();
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await opts.ready();
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    const exited = new Promise((r) => running.once('exit', r));
    if (opts.kill) opts.kill(running);
    else running.kill('SIGTERM');
    await exited;
  };
  await start();
  return { start, stop };
}
