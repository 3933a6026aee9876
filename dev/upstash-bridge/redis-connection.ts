import net from 'node:net';
import { encodeCommand, RespError, RespParser, type RespValue } from './resp';

/** One RESP2 connection to redis-server; replies are matched to commands in order. */
export class RedisConnection {
  private readonly pending: Array<{ resolve: (v: RespValue) => void; reject: (e: Error) => void }> = [];
  private readonly parser = new RespParser((reply) => this.pending.shift()?.resolve(reply));
  private failure: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        this.parser.push(chunk);
      } catch (error) {
        this.fail(error as Error);
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('redis-server closed the connection')));
  }

  /** Connects to `redis://[:password@]host:port[/db]`, authenticating and selecting the db. */
  static async open(redisUrl: string): Promise<RedisConnection> {
    const url = new URL(redisUrl);
    const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const connection = new RedisConnection(socket);
    const setup: string[][] = [];
    if (url.password) setup.push(url.username ? ['AUTH', decodeURIComponent(url.username), decodeURIComponent(url.password)] : ['AUTH', decodeURIComponent(url.password)]);
    const db = url.pathname.replace(/^\//, '');
    if (db) setup.push(['SELECT', db]);
    for (const reply of await connection.send(setup)) {
      if (reply instanceof RespError) {
        connection.close();
        throw new Error(`redis-server refused the connection setup: ${reply.message}`);
      }
    }
    return connection;
  }

  /** Whether the connection can still be used. */
  get healthy(): boolean {
    return this.failure === undefined;
  }

  /** Writes all commands in one go and resolves with their replies, in order. */
  send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RespValue[]> {
    if (this.failure) return Promise.reject(this.failure);
    const replies = commands.map(
      () => new Promise<RespValue>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    this.socket.write(Buffer.concat(commands.map((c) => encodeCommand(c))));
    return Promise.all(replies);
  }

  /** Closes the socket; pending commands fail. */
  close(): void {
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
    this.socket.destroy();
  }
}

/**
 * Hands each HTTP request its own connection for the duration of the request, so state a
 * request leaves behind (an unfinished MULTI) never leaks into another one.
 */
export class RedisPool {
  private readonly idle: RedisConnection[] = [];
  private readonly all = new Set<RedisConnection>();

  constructor(
    private readonly redisUrl: string,
    private readonly maxIdle = 8,
  ) {}

  /** Runs `work` on a connection, returning it to the pool afterwards if still healthy. */
  async use<T>(work: (connection: RedisConnection) => Promise<T>): Promise<T> {
    // An idle connection may have died meanwhile (redis-server restarted): drop it, never hand it out.
    let connection = this.idle.pop();
    while (connection && !connection.healthy) {
      this.drop(connection);
      connection = this.idle.pop();
    }
    connection ??= await this.create();
    let clean = false;
    try {
      const result = await work(connection);
      clean = true;
      return result;
    } finally {
      if (clean && connection.healthy && this.idle.length < this.maxIdle) this.idle.push(connection);
      else this.drop(connection);
    }
  }

  /** Closes every connection. */
  close(): void {
    for (const connection of this.all) connection.close();
    this.all.clear();
    this.idle.length = 0;
  }

  private async create(): Promise<RedisConnection> {
    const connection = await RedisConnection.open(this.redisUrl);
    this.all.add(connection);
    return connection;
  }

  private drop(connection: RedisConnection): void {
    connection.close();
    this.all.delete(connection);
  }
}
