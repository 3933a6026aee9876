import { describe, expect, it } from 'vitest';
import { encodeCommand, RespError, RespParser, type RespValue } from '@/dev/upstash-bridge/resp';

function parseAll(bytes: Buffer, chunkSize: number): RespValue[] {
  const replies: RespValue[] = [];
  const parser = new RespParser((r) => replies.push(r));
  for (let i = 0; i < bytes.length; i += chunkSize) parser.push(bytes.subarray(i, i + chunkSize));
  return replies;
}

describe('RESP2 codec', () => {
  it('encodes a command as an array of bulk strings, counting UTF-8 bytes', () => {
    expect(encodeCommand(['SET', 'k', 'Xûr']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nXûr\r\n');
  });

  const wire = Buffer.from(
    '+OK\r\n-ERR bad\r\n:42\r\n$5\r\nhé\r\n\r\n$-1\r\n*-1\r\n*3\r\n$1\r\na\r\n$-1\r\n*2\r\n:1\r\n+x\r\n*0\r\n',
  );
  const expected = ['OK', new RespError('ERR bad'), 42, Buffer.from('hé\r\n'), null, null, [Buffer.from('a'), null, [1, 'x']], []];

  it.each([1, 2, 3, 7, 1000])('parses every reply type, fed in chunks of %i bytes', (size) => {
    expect(parseAll(wire, size)).toEqual(expected);
  });
});
