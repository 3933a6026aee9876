/**
 * N `next start` instances of one build with one environment, behind the round-robin proxy on
 * the public port when N > 1 — the shape of a serverless deployment, for `startStack`.
 */
import { startApp, type AppServer } from './app-server';
import { freePort } from './ports';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

/** One running instance; `kill` and `restart` are for cross-instance tests. */
export type AppInstance = {
  /** 1-based, as the proxy's `x-vr-instance` header names it. */
  index: number;
  /** The instance's own URL (bypassing the proxy). */
  url: string;
  /** The live server; replaced by `restart`. */
  readonly server: AppServer;
  /** SIGKILL, as a serverless platform ends an instance mid-request; resolves when it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same environment (after `kill`). */
  restart(): Promise<void>;
};

/** What `startInstances` started. */
export type AppInstances = { instances: AppInstance[]; proxy?: RoundRobinProxy; publicUrl: string; stop(): Promise<void> };

/**
 * Starts `count` instances one after another (the first applies migrations alone), then, with
 * more than one, the proxy on `publicPort`; with one, the instance itself listens there.
 */
export async function startInstances(opts: { count: number; publicPort: number; env: Record<string, string>; logFile?: string }): Promise<AppInstances> {
  const instances: AppInstance[] = [];
  let proxy: RoundRobinProxy | undefined;
  const stop = async () => {
    await proxy?.close();
    for (const instance of instances.reverse()) await instance.server.stop();
  };
  try {
    for (let index = 1; index <= opts.count; index++) {
      const port = opts.count === 1 ? opts.publicPort : await freePort();
      const launch = () => startApp({ port, env: opts.env, logFile: opts.logFile });
      let server = await launch();
      instances.push({
        index,
        url: server.url,
        get server() {
          return server;
        },
        kill: async () => {
          if (server.process.exitCode !== null || server.process.signalCode !== null) return;
          const gone = new Promise((r) => server.process.once('exit', r));
          server.process.kill('SIGKILL');
          await gone;
        },
        restart: async () => {
          server = await launch();
        },
      });
    }
    if (opts.count > 1) proxy = await startRoundRobinProxy({ upstreams: instances.map((i) => i.url), port: opts.publicPort });
    return { instances: [...instances], proxy, publicUrl: proxy?.url ?? instances[0]!.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
