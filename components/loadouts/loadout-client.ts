/** The loadout routes as the browser calls them; every failure comes back as a sentence, never a throw. */
import { tryFetchJson } from '@/components/fetch-json';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** Calls one loadout route with an optional JSON body. */
export async function callLoadouts<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Outcome<T>> {
  const outcome = await tryFetchJson<T>(path, { method, body });
  return outcome.ok ? outcome : { ok: false, code: outcome.error.code, message: outcome.error.message };
}
