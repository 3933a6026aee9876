import 'server-only';
import { gateRequest, userFromRequest, type RequestUser } from '@/lib/auth/request-user';
import { qstashConfig } from '@/lib/qstash/client';
import type { DeliveryId } from '@/lib/qstash/deliveries';
import { deliveryIdOf, verifyQstashSignature } from '@/lib/qstash/signature';
import { AppError } from './errors';
import type { Verdict } from './rate-limit';
import { readBodyText } from './request';

/**
 * Who may call a route: `player` — a signed-in player; `admin` — a signed-in player whose
 * membership is in ADMIN_MEMBERSHIP_IDS; `qstash` — a delivery signed by QStash; `public` — anyone.
 */
export type Caller = 'player' | 'admin' | 'qstash' | 'public';

/** What the caller check found: the player, and for a QStash delivery its raw (verified) body. */
export type CallerFacts<C extends Caller> = {
  user: C extends 'player' | 'admin' ? RequestUser : undefined;
  /** The raw body a QStash signature covers; empty for the other callers. */
  rawBody: string;
  /** A QStash delivery's identity (`jti`, `exp`), for the replay memory; absent for the other callers. */
  delivery?: DeliveryId;
  /** The rate limit's verdicts when the request was already counted with its cached session (`countIp`). */
  verdicts?: Verdict[];
};

/** How a route's caller is checked; `qstash` names the URL QStash signs its deliveries for. */
export type CallerCheck = {
  caller: Caller;
  endedSessionOk?: boolean;
  signedFor?: () => string;
  /** The client's address, when the route's rate limit may be counted with the session read (see `gateRequest`). */
  countIp?: string;
};

/**
 * The one place that decides who is calling. Players and admins: no valid session cookie is
 * `signed_out` (401); a Bungie session that could not be renewed is `session_ended` (401) unless the
 * route needs no Bungie call (`endedSessionOk`); an admin route refuses other players (403).
 * QStash: 404 unless QStash is the scheduler, 413 for a body over 1 MB, 401 unless the signature
 * holds for the body and the configured URL (a proxy may rewrite the request's host).
 */
export async function checkCaller<C extends Caller>(request: Request, check: CallerCheck & { caller: C }): Promise<CallerFacts<C>> {
  if (check.caller === 'public') return { user: undefined, rawBody: '' } as CallerFacts<C>;
  if (check.caller === 'qstash') {
    const config = qstashConfig();
    if (!check.signedFor) throw new Error('A QStash route must say which URL its deliveries are signed for.');
    const rawBody = await readBodyText(request);
    const signature = request.headers.get('upstash-signature');
    await verifyQstashSignature({ signature, body: rawBody, url: check.signedFor() }, { currentSigningKey: config.currentSigningKey, nextSigningKey: config.nextSigningKey });
    return { user: undefined, rawBody, delivery: deliveryIdOf(signature!) } as CallerFacts<C>;
  }
  const { user, verdicts } = await gateRequest(request, check.countIp);
  if (!user) throw new AppError('signed_out');
  if (user.needsReauth && !check.endedSessionOk) throw new AppError('session_ended');
  if (check.caller === 'admin' && !user.isAdmin) throw new AppError('forbidden');
  return { user, rawBody: '', verdicts } as CallerFacts<C>;
}

/**
 * For a public route that shows admins more (the manifest status): whether the request comes from
 * a signed-in admin whose Bungie session is alive — decided as `checkCaller` decides `admin`.
 */
export async function isAdminRequest(request: Request): Promise<boolean> {
  const user = await userFromRequest(request);
  return user !== null && user.isAdmin && !user.needsReauth;
}
