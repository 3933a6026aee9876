/**
 * Upstash's documented restrictions on Lua scripts, enforced by the stand-in so a test fails where
 * the real service would misbehave: every key a script touches must be declared in KEYS (Upstash
 * runs scripts with undeclared keys under a global lock, and cluster-style routing needs them), and
 * no reliance on Lua libraries whose presence on Upstash is disputed (cjson, cmsgpack, struct, bit).
 */

// Commands whose first argument is not a key.
const KEYLESS = new Set(['TIME', 'PING', 'ECHO', 'INFO', 'DBSIZE']);
const DISPUTED_LIBRARIES = ['cjson', 'cmsgpack', 'struct', 'bit'];

/** The first argument expression of a call, after the command literal: up to the next top-level `,` or `)`. */
function keyExpression(script: string, from: number): string {
  let depth = 0;
  let i = from;
  for (; i < script.length; i++) {
    const ch = script[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) break;
  }
  return script.slice(from, i).trim();
}

/**
 * Why Upstash would not run `script` as Redis does, in one sentence, or `undefined` when it keeps
 * to the rules. Keys may be `KEYS[n]` or a variable assigned from one (`local key = KEYS[1]`).
 */
export function scriptViolation(script: string): string | undefined {
  const code = script.replace(/--\[\[[\s\S]*?\]\]|--[^\n]*/g, '');
  for (const library of DISPUTED_LIBRARIES) {
    if (new RegExp(`\\b${library}\\s*\\.`).test(code)) return `the script uses the ${library} library, which Upstash's Lua may not provide`;
  }
  const declared = new Set<string>();
  for (const match of code.matchAll(/\b([A-Za-z_]\w*)\s*=\s*KEYS\s*\[/g)) declared.add(match[1]!);
  for (const match of code.matchAll(/redis\s*\.\s*p?call\s*\(\s*(['"])([A-Za-z_]+)\1\s*(,?)/g)) {
    const command = match[2]!.toUpperCase();
    if (KEYLESS.has(command) || match[3] !== ',') continue;
    const key = keyExpression(code, match.index + match[0].length);
    if (/^KEYS\s*\[[^\]]+\]$/.test(key) || declared.has(key)) continue;
    return `the script's ${command} touches a key not declared in KEYS (${key}); Upstash runs such scripts under a global lock`;
  }
  return undefined;
}

/** The script an EVAL / EVAL_RO / SCRIPT LOAD command carries, if it is one. */
export function scriptOf(command: readonly string[]): string | undefined {
  const name = command[0]?.toUpperCase();
  if (name === 'EVAL' || name === 'EVAL_RO') return command[1];
  if (name === 'SCRIPT' && command[1]?.toUpperCase() === 'LOAD') return command[2];
  return undefined;
}
