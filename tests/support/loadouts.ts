import crypto from 'node:crypto';
import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/loadouts/[id]/route';
import { POST as applyRoute } from '@/app/api/loadouts/[id]/apply/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/loadouts/route';
import { getPrisma } from '@/lib/db/client';
import { APP_ORIGIN, type TestPlayer } from './app-harness';

/** How a test request looks: the player's cookie, and the Origin the app's own pages send (null: none). */
export type RequestOptions = { cookie?: string; origin?: string | null; headers?: Record<string, string> };

/** A request to a loadout route, as the app's own page sends it unless told otherwise. */
export function loadoutRequest(method: string, path: string, body?: unknown, init: RequestOptions = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin !== null) headers.origin = init.origin ?? APP_ORIGIN;
  return new Request(`${APP_ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** Answer of a route: status and parsed JSON body. */
export type Answer<T = Record<string, unknown>> = { status: number; body: T & { error?: { code: string; message: string } } };

/** A route's response as status and parsed JSON body. */
export async function answer<T>(response: Response): Promise<Answer<T>> {
  return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
}

/** The five loadout routes, called through their exported handlers as `player`. */
export function loadoutClient(player: () => TestPlayer | { cookie?: string }, init: Omit<RequestOptions, 'cookie'> = {}) {
  const opts = () => ({ ...init, cookie: player().cookie });
  return {
    list: async <T>() => answer<T>(await listRoute(loadoutRequest('GET', '/api/loadouts', undefined, { ...opts(), origin: null }))),
    create: async <T>(body: unknown) => answer<T>(await createRoute(loadoutRequest('POST', '/api/loadouts', body, opts()))),
    rename: async <T>(id: string, body: unknown) => answer<T>(await patchRoute(loadoutRequest('PATCH', `/api/loadouts/${id}`, body, opts()), params(id))),
    remove: async <T>(id: string) => answer<T>(await deleteRoute(loadoutRequest('DELETE', `/api/loadouts/${id}`, undefined, opts()), params(id))),
    apply: async <T>(id: string, body: unknown) => answer<T>(await applyRoute(loadoutRequest('POST', `/api/loadouts/${id}/apply`, body, opts()), params(id))),
  };
}

/**
 * Another signed-in user of the app (their own Bungie account, no Destiny characters): enough to
 * prove one user never reaches another's loadouts.
 */
export async function signInOtherUser(): Promise<TestPlayer> {
  const prisma = await getPrisma();
  const user = await prisma.user.create({ data: { name: 'Other#0002' } });
  await prisma.account.create({ data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: `other-${crypto.randomUUID()}` } });
  const sessionToken = crypto.randomUUID();
  await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  return { userId: user.id, cookie: `authjs.session-token=${sessionToken}` };
}

/** Writes a loadout row directly (as an older version of the app, or another user, might have). */
export async function insertLoadout(userId: string, name: string, items: { itemId: string; itemHash: number; bucketHash: number }[], classType = 0): Promise<string> {
  const prisma = await getPrisma();
  return (await prisma.loadout.create({ data: { userId, name, classType, items } })).id;
}
