/**
 * A minimal RESP2 codec: encodes command arrays and parses replies incrementally. Bulk strings
 * stay Buffers so the bridge decides the wire encoding (UTF-8 or base64), not a client library.
 */

/** An error reply (`-ERR ...`); kept as a value so a pipeline can report it in place. */
export class RespError {
  constructor(
    /** The full error line, e.g. "ERR wrong number of arguments for 'get' command". */
    readonly message: string,
  ) {}
}

/** A parsed RESP2 reply. Simple strings are JS strings, bulk strings Buffers, nil null. */
export type RespValue = string | number | Buffer | null | RespError | RespValue[];

/** Encodes one command as a RESP2 array of bulk strings. */
export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

// Thrown internally when the buffer ends mid-reply; the parser waits for more bytes.
const INCOMPLETE = Symbol('incomplete');

/** Feeds socket chunks in, hands each complete top-level reply to `onReply`. */
export class RespParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly onReply: (reply: RespValue) => void) {}

  /** Appends bytes and emits every reply they complete. */
  push(chunk: Buffer): void {
    this.buffer = this.offset < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.offset), chunk]) : chunk;
    this.offset = 0;
    for (;;) {
      const start = this.offset;
      let reply: RespValue;
      try {
        reply = this.read();
      } catch (error) {
        if (error !== INCOMPLETE) throw error;
        // Re-parse this reply from its start once more bytes arrive.
        this.offset = start;
        return;
      }
      this.onReply(reply);
      if (this.offset >= this.buffer.length) {
        this.buffer = Buffer.alloc(0);
        this.offset = 0;
        return;
      }
    }
  }

  private line(): string {
    const end = this.buffer.indexOf('\r\n', this.offset);
    if (end < 0) throw INCOMPLETE;
    const text = this.buffer.toString('utf8', this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private read(): RespValue {
    if (this.offset >= this.buffer.length) throw INCOMPLETE;
    const type = String.fromCharCode(this.buffer[this.offset] ?? 0);
    this.offset++;
    const text = this.line();
    switch (type) {
      case '+':
        return text;
      case '-':
        return new RespError(text);
      case ':':
        return Number(text);
      case '$': {
        const length = Number(text);
        if (length < 0) return null;
        if (this.offset + length + 2 > this.buffer.length) throw INCOMPLETE;
        const bytes = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
        this.offset += length + 2;
        return bytes;
      }
      case '*': {
        const count = Number(text);
        if (count < 0) return null;
        const items: RespValue[] = [];
        for (let i = 0; i < count; i++) items.push(this.read());
        return items;
      }
      default:
        throw new Error(`RESP2: unexpected reply type "${type}"`);
    }
  }
}
