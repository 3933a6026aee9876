import { createHash } from 'node:crypto';

/**
 * Upstash accepts Lua shebang flags redis-server does not: `#!lua flags=allow-key-locking`
 * (run under locks on the declared keys only, instead of the global lock), which
 * @upstash/ratelimit writes into its scripts. redis-server refuses the script with "Unexpected flag
 * in script shebang", so the bridge drops those flags before EVAL and SCRIPT LOAD, and maps the
 * SHA-1 of the script as sent to the SHA-1 of the script as run, so the client's later EVALSHA
 * (with the hash of the text it knows) finds it, as it does on Upstash.
 */
const UPSTASH_ONLY_FLAGS = new Set(['allow-key-locking']);
const SHEBANG = /^#!lua([^\n]*)(\n|$)/;
const sentToRun = new Map<string, string>();

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function strip(script: string): string {
  const match = SHEBANG.exec(script);
  if (!match) return script;
  const options = match[1]!.trim().split(/\s+/).filter(Boolean);
  const kept = options.map((option) => {
    if (!option.startsWith('flags=')) return option;
    const flags = option.slice('flags='.length).split(',').filter((f) => f && !UPSTASH_ONLY_FLAGS.has(f));
    return flags.length > 0 ? `flags=${flags.join(',')}` : '';
  }).filter(Boolean);
  return `#!lua${kept.length > 0 ? ` ${kept.join(' ')}` : ''}${match[2]}${script.slice(match[0].length)}`;
}

/** The command as redis-server should receive it: script flags dropped, script hashes mapped. */
export function withRedisScriptFlags(command: string[]): string[] {
  const name = command[0]?.toUpperCase();
  const scriptAt = name === 'EVAL' || name === 'EVAL_RO' ? 1 : name === 'SCRIPT' && command[1]?.toUpperCase() === 'LOAD' ? 2 : -1;
  if (scriptAt > 0 && command[scriptAt] !== undefined) {
    const sent = command[scriptAt]!;
    const run = strip(sent);
    if (run === sent) return command;
    sentToRun.set(sha1(sent), sha1(run));
    return command.map((arg, i) => (i === scriptAt ? run : arg));
  }
  if ((name === 'EVALSHA' || name === 'EVALSHA_RO') && command[1] !== undefined) {
    const mapped = sentToRun.get(command[1].toLowerCase());
    if (mapped) return command.map((arg, i) => (i === 1 ? mapped : arg));
  }
  return command;
}
