import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { BungieSim } from './index';

/** A simulator served over HTTP. */
export type SimServer = {
  /** Base URL, e.g. http://127.0.0.1:3100 (use it as BUNGIE_SIMULATOR_URL). */
  url: string;
  close(): Promise<void>;
};

/** Options of `startSimServer`. */
export type SimServerOptions = { sim: BungieSim; host?: string; port?: number };

async function toRequest(req: http.IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body: body as BodyInit | undefined });
}

/** Serves the simulator's handlers (and `/__sim/*`) on a plain node:http server; port 0 picks a free port. */
export function startSimServer({ sim, host = '127.0.0.1', port = 0 }: SimServerOptions): Promise<SimServer> {
  const handlers = [...sim.adminHandlers, ...sim.handlers];
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const address = server.address() as AddressInfo;
        const request = await toRequest(req, `http://${req.headers.host ?? `${host}:${address.port}`}`);
        const response = await getResponse(handlers, request);
        if (!response) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No simulated endpoint for ${req.method} ${req.url}`);
          return;
        }
        const headers: Record<string, string[]> = {};
        response.headers.forEach((value, name) => {
          (headers[name] ??= []).push(value);
        });
        res.writeHead(response.status, headers);
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`Simulator error: ${(error as Error).message}`);
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${actual}`,
        close: () => new Promise<void>((done, fail) => {
          server.closeAllConnections();
          server.close((error) => (error ? fail(error) : done()));
        }),
      });
    });
  });
}
