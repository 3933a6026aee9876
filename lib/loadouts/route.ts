import 'server-only';
import { SessionEndedError } from '@/lib/auth/access-token';
import { userFromRequest, type RequestUser } from '@/lib/auth/request-user';
import { AppError, errorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/request';
import { loadoutIdSchema } from './schemas';

/**
 * Runs a loadout route for the signed-in player: writes only from the app's own pages
 * (same-origin) and only while the Bungie session is alive; answers `run`'s value as JSON with
 * `status`, or `{ error: { code, message } }` with a 4xx/5xx status.
 */
export async function playerRoute(request: Request, options: { write: boolean; status?: number }, run: (user: RequestUser) => Promise<unknown>): Promise<Response> {
  try {
    if (options.write) assertSameOrigin(request);
    const user = await userFromRequest(request);
    if (!user) throw new AppError('signed_out', 401, 'Sign in with Bungie first.');
    // Listing needs no Bungie call; saving and applying do, so they ask for a new sign-in first.
    if (options.write && user.needsReauth) throw new SessionEndedError();
    return Response.json(await run(user), { status: options.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The `[id]` route parameter; anything that cannot be a loadout id is the same 404 as a missing one. */
export async function loadoutIdOf(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = loadoutIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError('loadout_not_found', 404, 'That loadout does not exist (it may have been deleted).');
  return parsed.data;
}
