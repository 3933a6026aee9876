/**
 * The dev stand-in for Vercel's router: one public port in front of N `next start` instances,
 * each request to the next instance in turn, so tests see what several serverless instances do.
 * Every answer carries `x-vr-instance` (1-based), set here and nowhere in the app. An instance
 * that refuses the connection (killed) is skipped, as Vercel would start another.
 *
 * It also counts what Vercel bills as invocations: every request but a static file is a function
 * invocation, and every request `proxy.ts`'s matcher matches invokes the proxy function too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Invocation counts since start (or the last `resetCounters`). */
export type InvocationCounters = {
  /** Every request the proxy forwarded. */
  requests: number;
  /** Requests a function answers (pages, API, auth): all but static files. */
  functions: number;
  /** Requests `proxy.ts`'s matcher matches (each one a proxy invocation). */
  proxy: number;
  /** Requests by instance (index 0 = instance 1), counted when the instance answers. */
  byInstance: number[];
  /**
   * Requests sent to each instance, counted as they are sent (a test tells which instance is
   * working on a long request, e.g. a QStash delivery awaiting an ingest, before it answers).
   */
  sentByInstance: number[];
};

/** A running round-robin proxy. */
export type RoundRobinProxy = {
  url: string;
  counters(): InvocationCounters;
  resetCounters(): void;
  close(): Promise<void>;
};

// proxy.ts: matcher '/((?!_next/static/|favicon\.ico$).*)'; Vercel serves these from its CDN.
const STATIC = /^\/(_next\/static\/|favicon\.ico$)/;

/** Starts the proxy on `port` (0: a free one) of 127.0.0.1, forwarding to `upstreams` (base URLs). */
export function startRoundRobinProxy(opts: { upstreams: string[]; port?: number }): Promise<RoundRobinProxy> {
  const upstreams = opts.upstreams.map((u) => new URL(u));
  const zero = (): InvocationCounters => ({ requests: 0, functions: 0, proxy: 0, byInstance: upstreams.map(() => 0), sentByInstance: upstreams.map(() => 0) });
  let counters = zero();
  let next = 0;

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: number) => {
    const index = next++ % upstreams.length;
    const target = upstreams[index]!;
    counters.sentByInstance[index]!++;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        counters.byInstance[index]!++;
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-vr-instance': String(index + 1) });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tried + 1 < upstreams.length && !res.headersSent) return forward(req, res, body, tried + 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`No app instance answered: ${error.message}`);
    });
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      counters.requests++;
      // The app has no public/ files: whatever is not a static chunk runs a function (and the proxy).
      if (!STATIC.test(path)) {
        counters.proxy++;
        counters.functions++;
      }
      forward(req, res, Buffer.concat(chunks), 0);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${port}`,
        counters: () => ({ ...counters, byInstance: [...counters.byInstance], sentByInstance: [...counters.sentByInstance] }),
        resetCounters: () => void (counters = zero()),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
