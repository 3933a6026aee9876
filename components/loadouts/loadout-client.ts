/** The loadout routes as the browser calls them; every failure comes back as a sentence, never a throw. */

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** Calls one loadout route with an optional JSON body. */
export async function callLoadouts<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, code: 'offline', message: 'Vault Raider could not be reached. Check your connection and try again.' };
  }
  const answer = (await response.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (response.ok && answer) return { ok: true, data: answer };
  const error = answer?.error;
  return error ? { ok: false, code: error.code, message: error.message } : { ok: false, code: 'unexpected', message: `Something went wrong (HTTP ${response.status}). Try again.` };
}
