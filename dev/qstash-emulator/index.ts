/**
 * A QStash v2 emulator: the subset of the HTTP API Vault Raider uses, as `@upstash/qstash`'s
 * Client sends it, in front of real signed deliveries. Upstash's own local server downloads a
 * binary at run time, which these machines cannot do.
 *
 * - `POST /v2/publish/<destination URL>` → `{ messageId }`; delivered at once, in the background.
 * - `POST /v2/schedules/<destination URL>` with `Upstash-Cron` (+ `Upstash-Schedule-Id`: an
 *   existing id is updated, never duplicated) → `{ scheduleId }`.
 * - `GET /v2/schedules`, `GET /v2/schedules/<id>`, `DELETE /v2/schedules/<id>`.
 * - `Authorization: Bearer <token>` on every call.
 * Deliveries are POSTs signed like QStash's (`Upstash-Signature`, see sign.ts) with the current
 * key, retried on a 5xx or a network error. Emulator-only: `POST /__emulator/schedules/<id>/trigger`
 * delivers a schedule now and answers the delivery; `GET /__emulator/deliveries` lists them all.
 * Schedules of the form `*\/N * * * *` also fire on a timer when `runSchedules` is on.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDelivery } from './sign';
import { deliver, type Delivery, type Outgoing } from './deliver';

/** Options of `startQstashEmulator`. */
export type QstashEmulatorOptions = {
  /** Bearer token clients must send (`QSTASH_TOKEN`). */
  token: string;
  /** Keys deliveries are signed with (`QSTASH_CURRENT_SIGNING_KEY`; the next key is for verifiers). */
  currentSigningKey: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fire `*\/N` schedules on a timer (off by default: tests trigger them by hand). */
  runSchedules?: boolean;
  /** Pause before a retry (default 1 s; QStash backs off exponentially). */
  retryDelayMs?: number;
  log?: (line: string) => void;
};

/** A stored schedule, in the shape `client.schedules.list()` returns. */
export type EmulatedSchedule = {
  scheduleId: string; cron: string; createdAt: number; destination: string; method: string;
  header: Record<string, string[]>; body?: string; retries: number; isPaused: boolean;
};

/** A running emulator. */
export type QstashEmulator = {
  /** Base URL for `QSTASH_URL`, e.g. http://127.0.0.1:40123. */
  url: string;
  schedules(): EmulatedSchedule[];
  deliveries(): Delivery[];
  /**
   * What QStash would bill: every delivery attempt is a message (a retry counts again), plus
   * schedule calls; counted from the records kept anyway.
   */
  counters(): { messages: number; deliveries: number; failed: number };
  /** Forgets past deliveries (their counts with them). */
  resetCounters(): void;
  /** Delivers a schedule now; resolves when the delivery (with its retries) ends. */
  trigger(scheduleId: string): Promise<Delivery>;
  close(): Promise<void>;
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

// Headers the client sends to QStash that are not forwarded to the destination.
const FORWARDED = (name: string) => name === 'content-type' || name.startsWith('upstash-forward-');

/** Starts the emulator on 127.0.0.1. */
export async function startQstashEmulator(options: QstashEmulatorOptions): Promise<QstashEmulator> {
  const log = options.log ?? (() => undefined);
  const schedules = new Map<string, EmulatedSchedule>();
  const timers = new Map<string, NodeJS.Timeout>();
  const deliveries: Delivery[] = [];

  const send = (outgoing: Omit<Outgoing, 'sign'>, retries: number): Promise<Delivery> => {
    const sign = () => signDelivery({ key: options.currentSigningKey, url: outgoing.url, body: outgoing.body });
    const record = deliver({ ...outgoing, sign }, retries, options.retryDelayMs ?? 1000, log);
    deliveries.push(record.delivery);
    return record.done;
  };

  const fire = (schedule: EmulatedSchedule) => {
    const headers = Object.fromEntries(Object.entries(schedule.header).map(([k, v]) => [k, v.join(', ')]));
    return send({ messageId: `msg_${crypto.randomUUID()}`, url: schedule.destination, body: schedule.body ?? '', headers: { ...headers, 'upstash-schedule-id': schedule.scheduleId } }, schedule.retries);
  };

  const arm = (schedule: EmulatedSchedule) => {
    clearInterval(timers.get(schedule.scheduleId));
    const every = /^\*\/(\d+) \* \* \* \*$/.exec(schedule.cron)?.[1] ?? (schedule.cron === '* * * * *' ? '1' : undefined);
    if (!options.runSchedules || !every) return;
    const timer = setInterval(() => void fire(schedule), Number(every) * 60_000);
    timer.unref();
    timers.set(schedule.scheduleId, timer);
  };

  const handle = async (req: http.IncomingMessage, body: string): Promise<[number, unknown]> => {
    const path = req.url ?? '/';
    if (path === '/__emulator/deliveries' && req.method === 'GET') return [200, deliveries];
    const trigger = /^\/__emulator\/schedules\/([^/]+)\/trigger$/.exec(path);
    if (trigger && req.method === 'POST') {
      const schedule = schedules.get(decodeURIComponent(trigger[1]!));
      if (!schedule) throw new HttpError(404, 'schedule not found');
      return [200, await fire(schedule)];
    }
    const auth = req.headers.authorization ?? '';
    const expected = `Bearer ${options.token}`;
    if (auth.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(auth), Buffer.from(expected))) throw new HttpError(401, 'Unauthorized');

    const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
    const retries = Number(headers['upstash-retries'] ?? 3);
    if (req.method === 'POST' && path.startsWith('/v2/publish/')) {
      const url = destinationOf(path, '/v2/publish/');
      const messageId = `msg_${crypto.randomUUID()}`;
      const forward = Object.fromEntries(Object.entries(headers).filter(([k]) => FORWARDED(k)).map(([k, v]) => [k.replace(/^upstash-forward-/, ''), v]));
      void send({ messageId, url, body, headers: forward }, retries);
      return [201, { messageId, url }];
    }
    if (req.method === 'POST' && path.startsWith('/v2/schedules/')) {
      const cron = headers['upstash-cron'];
      if (!cron) throw new HttpError(400, 'Upstash-Cron header is required');
      const scheduleId = headers['upstash-schedule-id'] ?? `scd_${crypto.randomUUID()}`;
      const header = Object.fromEntries(Object.entries(headers).filter(([k]) => FORWARDED(k)).map(([k, v]) => [k.replace(/^upstash-forward-/, ''), [v]]));
      const schedule: EmulatedSchedule = {
        scheduleId, cron, createdAt: schedules.get(scheduleId)?.createdAt ?? Date.now(), destination: destinationOf(path, '/v2/schedules/'),
        method: headers['upstash-method'] ?? 'POST', header, body, retries, isPaused: false,
      };
      schedules.set(scheduleId, schedule);
      arm(schedule);
      return [201, { scheduleId }];
    }
    if (req.method === 'GET' && path === '/v2/schedules') return [200, [...schedules.values()]];
    const one = /^\/v2\/schedules\/([^/]+)$/.exec(path);
    if (one) {
      const id = decodeURIComponent(one[1]!);
      const schedule = schedules.get(id);
      if (!schedule) throw new HttpError(404, `schedule ${id} not found`);
      if (req.method === 'GET') return [200, schedule];
      if (req.method === 'DELETE') {
        schedules.delete(id);
        clearInterval(timers.get(id));
        return [200, null];
      }
    }
    throw new HttpError(404, `${req.method} ${path} is not emulated`);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks).toString('utf8'))
        .then(([status, answer]) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(answer === null ? '' : JSON.stringify(answer));
        })
        .catch((error: unknown) => {
          const status = error instanceof HttpError ? error.status : 500;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    schedules: () => [...schedules.values()],
    deliveries: () => [...deliveries],
    counters: () => ({
      messages: deliveries.reduce((n, d) => n + d.attempts, 0),
      deliveries: deliveries.length,
      failed: deliveries.filter((d) => d.state === 'failed').length,
    }),
    resetCounters: () => void deliveries.splice(0),
    trigger: (id) => {
      const schedule = schedules.get(id);
      return schedule ? fire(schedule) : Promise.reject(new Error(`schedule ${id} not found`));
    },
    close: async () => {
      for (const timer of timers.values()) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The destination URL in `/v2/publish/<url>`: the client puts it in the path as is. */
function destinationOf(path: string, prefix: string): string {
  const raw = decodeURIComponent(path.slice(prefix.length));
  if (!/^https?:\/\//.test(raw)) throw new HttpError(400, `invalid destination: ${raw}`);
  return raw;
}
