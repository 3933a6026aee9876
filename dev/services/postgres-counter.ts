/**
 * A counting TCP proxy in front of PostgreSQL, for `npm run bench:cost`: the app connects here
 * and every byte goes through unchanged, while the client's side of the wire protocol is read
 * for queries — each simple query ('Q') and each extended-protocol execute ('E') is one query,
 * stamped with the time it was sent, so a bench can tell how long Neon's compute would be awake.
 * No TLS (the stand-in Postgres has none): an SSLRequest is answered 'N' by the server as usual.
 */
import net from 'node:net';

/** Counts since start (or the last `reset`). */
export type PostgresCounts = { connections: number; queries: number; times: number[] };

/** A running counter. */
export type PostgresCounter = {
  /** `url` with host and port replaced by the proxy's. */
  url: string;
  counts(): PostgresCounts;
  reset(): void;
  close(): Promise<void>;
};

/** Reads one client→server stream: the length-prefixed start-up message(s), then typed messages. */
function messageReader(onMessage: (type: string) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const header = startup ? 4 : 5;
      if (pending.length < header) return;
      const length = startup ? pending.readInt32BE(0) : pending.readInt32BE(1) + 1;
      if (pending.length < length) return;
      if (startup) {
        // SSLRequest/GSSENCRequest (80877103/80877104) are followed by another start-up message.
        const code = pending.readInt32BE(4);
        if (code !== 80877103 && code !== 80877104) startup = false;
      } else onMessage(String.fromCharCode(pending[0]!));
      pending = pending.subarray(length);
    }
  };
}

/** Starts the counter on a free 127.0.0.1 port in front of the server of `url`. */
export function startPostgresCounter(url: string): Promise<PostgresCounter> {
  const target = new URL(url);
  let counts: PostgresCounts = { connections: 0, queries: 0, times: [] };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const read = messageReader((type) => {
      if (type === 'Q' || type === 'E') {
        counts.queries++;
        counts.times.push(Date.now());
      }
    });
    client.on('data', (chunk: Buffer) => {
      read(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String((server.address() as net.AddressInfo).port);
      resolve({
        url: proxied.toString(),
        counts: () => ({ ...counts, times: [...counts.times] }),
        reset: () => void (counts = { connections: 0, queries: 0, times: [] }),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
