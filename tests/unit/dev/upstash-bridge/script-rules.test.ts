import { describe, expect, it } from 'vitest';
import { scriptOf, scriptViolation } from '@/dev/upstash-bridge/script-rules';

describe('Upstash script rules', () => {
  it('accepts scripts whose keys are all declared', () => {
    expect(scriptViolation(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)).toBeUndefined();
    expect(scriptViolation(`local key = KEYS[1]\nlocal n = redis.call("INCR", key)\nredis.call("PEXPIRE", key, ARGV[1])\nreturn n`)).toBeUndefined();
    expect(scriptViolation(`local t = redis.call('TIME') return t[1]`)).toBeUndefined();
  });

  it('refuses a key built at run time', () => {
    const getMany = `local ptr = redis.call('GET', KEYS[1])\nlocal key = ARGV[1] .. ptr\nreturn redis.call('HMGET', key, unpack(ARGV, 2))`;
    expect(scriptViolation(getMany)).toMatch(/HMGET touches a key not declared in KEYS \(key\)/);
    expect(scriptViolation(`return redis.pcall('GET', 'vr:' .. ARGV[1])`)).toMatch(/not declared/);
  });

  it('refuses the disputed Lua libraries, but not the words in comments', () => {
    expect(scriptViolation(`local p = cjson.decode(redis.call('GET', KEYS[1])) return p.v`)).toMatch(/cjson/);
    expect(scriptViolation(`return cmsgpack.pack(ARGV)`)).toMatch(/cmsgpack/);
    expect(scriptViolation(`-- no cjson.decode here\nreturn redis.call('GET', KEYS[1])`)).toBeUndefined();
  });

  it('finds the script in EVAL, EVAL_RO and SCRIPT LOAD, and nowhere else', () => {
    expect(scriptOf(['EVAL', 'return 1', '0'])).toBe('return 1');
    expect(scriptOf(['eval_ro', 'return 2', '0'])).toBe('return 2');
    expect(scriptOf(['SCRIPT', 'load', 'return 3'])).toBe('return 3');
    expect(scriptOf(['GET', 'return 1'])).toBeUndefined();
    expect(scriptOf(['EVALSHA', 'abc', '0'])).toBeUndefined();
  });
});
