import fs from 'node:fs';
import path from 'node:path';
import type { DefinitionTable } from './manifest/static-definitions';

/** Recorded Bungie data to serve instead of generated data. */
export type ReplayData = {
  /** A GetProfile `Response` (envelope removed), served to whoever signs in. */
  profile?: Record<string, unknown>;
  /** A character Vendors `Response`. */
  vendors?: Record<string, unknown>;
  /** Extra definitions by table, merged into the generated manifest. */
  definitions?: Map<string, DefinitionTable>;
};

/** Paths of recorded files (the env variables BUNGIE_SIM_PROFILE, _VENDORS, _DEFINITIONS). */
export type ReplayPaths = { profile?: string; vendors?: string; definitionsDir?: string };

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the recorded ${what} at ${file}: ${(error as Error).message}`);
  }
}

/** Accepts a response with or without Bungie's envelope. */
function unwrap(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object') throw new Error(`The recorded ${what} is not a JSON object.`);
  const record = value as Record<string, unknown>;
  if ('ErrorCode' in record) {
    if (record.ErrorCode !== 1 || !record.Response) throw new Error(`The recorded ${what} is an error answer (ErrorCode ${String(record.ErrorCode)}).`);
    return record.Response as Record<string, unknown>;
  }
  return record;
}

/** Loads recorded files; any unreadable one throws an error naming the file. */
export function loadReplay(paths: ReplayPaths): ReplayData {
  const out: ReplayData = {};
  if (paths.profile) out.profile = unwrap(readJson(paths.profile, 'profile'), 'profile');
  if (paths.vendors) out.vendors = unwrap(readJson(paths.vendors, 'vendors'), 'vendors');
  if (paths.definitionsDir) {
    const tables = new Map<string, DefinitionTable>();
    for (const file of fs.readdirSync(paths.definitionsDir).filter((f) => f.endsWith('.json'))) {
      const rows = readJson(path.join(paths.definitionsDir, file), `definitions ${file}`) as Record<string, object>;
      // Keys are hashes; accept signed ones too (as read straight from SQLite).
      tables.set(path.basename(file, '.json'), new Map(Object.entries(rows).map(([k, v]) => [Number(k) >>> 0, v])));
    }
    out.definitions = tables;
  }
  return out;
}
