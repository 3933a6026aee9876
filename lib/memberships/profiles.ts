import 'server-only';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { cache } from 'react';
import { z } from 'zod';
import { asPlayer } from '@/lib/auth/as-player';
import { sessionAccountOf } from '@/lib/auth/session-account';
import { dropCachedToken } from '@/lib/auth/session-cache';
import { getLinkedProfiles, getMembershipsForCurrentUser } from '@/lib/bungie/destiny2';
import { defaultMembership, offeredMemberships, pickMembership, platformName, type OfferedMembership } from '@/lib/bungie/memberships';
import type { DestinyMembership } from '@/lib/bungie/types';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/http/errors';
import { log } from '@/lib/server/log';
import type { ProfileSwitchView } from './types';

/**
 * After the profile in use may have changed: drops the player's token entry in the session cache
 * (cloud mode), which holds the profile for every session of theirs, so the next request reads the
 * database and caches the profile in use now (lib/auth/request-user.ts).
 */
const recacheSessions = (userId: string) => dropCachedToken(userId);

// What `accounts.destiny_memberships` holds; anything else reads as "not listed yet".
const storedSchema = z.array(z.object({ membershipId: z.string().regex(/^\d{1,20}$/), membershipType: z.number().int(), displayName: z.string() }));

/** `PUT /api/memberships`: the Destiny profile to show from now on. */
export const chooseProfileSchema = z.object({ membershipId: z.string().regex(/^\d{1,20}$/, 'a Destiny membership id is a number of up to 20 digits') }).strict();

type Resolved = { offered: OfferedMembership[]; active: OfferedMembership | undefined; listed: boolean };

/** The player's Destiny profiles as stored, and the one in use: the choice while listed, else the default. */
const resolveProfiles = cache(async (userId: string): Promise<Resolved> => {
  // A page render: the request's session lookup read these columns a moment ago (lib/auth/session-account.ts).
  const row = sessionAccountOf(userId) ?? (await (await getPrisma()).account.findUnique({
    where: { userId_provider: { userId, provider: 'bungie' } },
    select: {
      destiny_membership_id: true, destiny_membership_type: true, destiny_memberships: true,
      user: { select: { profileChoice: { select: { membershipId: true } } } },
    },
  }));
  if (!row?.destiny_membership_id || row.destiny_membership_type === null) return { offered: [], active: undefined, listed: row?.destiny_memberships != null };
  const stored = storedSchema.safeParse(row.destiny_memberships);
  const fallback = { membershipId: row.destiny_membership_id, membershipType: row.destiny_membership_type, displayName: '' };
  // An account from before the list was kept (or with a damaged one) has its default profile only.
  const offered = stored.success && stored.data.length ? stored.data : [fallback];
  const byDefault = offered.find((m) => m.membershipId === fallback.membershipId) ?? offered[0];
  return { offered, active: pickMembership(offered, row.user?.profileChoice, byDefault), listed: stored.success };
});

/** The Destiny membership every page, route and action reads from, or null for an account without one. */
export async function activeMembership(userId: string): Promise<DestinyMembership | null> {
  const { active } = await resolveProfiles(userId);
  return active ? { membershipType: active.membershipType, membershipId: active.membershipId } : null;
}

const view = ({ offered, active }: Resolved): ProfileSwitchView => ({
  profiles: offered.map((m) => ({ ...m, platform: platformName(m.membershipType) })),
  activeId: active?.membershipId ?? null,
});

/**
 * The profile switcher's state (header, `GET /api/memberships`). An account signed in before the
 * list was kept is listed once from Bungie here (one call, then stored); if that fails it shows
 * its one profile.
 */
export async function profileSwitch(userId: string): Promise<ProfileSwitchView> {
  const resolved = await resolveProfiles(userId);
  if (resolved.listed || resolved.offered.length === 0) return view(resolved);
  try {
    return view(await relist(userId));
  } catch (error) {
    log.warn(`Could not list the Destiny profiles of user ${userId}: ${error instanceof Error ? error.name : 'error'}.`);
    return view(resolved);
  }
}

/** Asks Bungie for the player's memberships now and stores the list (the default stays unless Bungie no longer lists it). */
async function relist(userId: string): Promise<Resolved> {
  const data = await asPlayer(userId, (token) => getMembershipsForCurrentUser(token));
  const offered = offeredMemberships(data);
  const prisma = await getPrisma();
  const account = await prisma.account.findUnique({ where: { userId_provider: { userId, provider: 'bungie' } }, select: { destiny_membership_id: true } });
  const kept = offered.find((m) => m.membershipId === account?.destiny_membership_id) ?? defaultMembership(data);
  await prisma.account.update({
    where: { userId_provider: { userId, provider: 'bungie' } },
    data: { destiny_memberships: offered, destiny_membership_id: kept?.membershipId ?? null, destiny_membership_type: kept?.membershipType ?? null },
  });
  if (kept?.membershipId !== account?.destiny_membership_id) await recacheSessions(userId);
  const choice = await prisma.profileChoice.findUnique({ where: { userId }, select: { membershipId: true } });
  return { offered, active: pickMembership(offered, choice, kept), listed: true };
}

/**
 * Called when Bungie answered DestinyAccountNotFound for `membership`: if it was the player's
 * choice, the list is asked of Bungie again and a choice it no longer lists is dropped. Returns the
 * membership to read instead, or undefined when there is nothing better (the refusal stands).
 */
export async function replaceStaleChoice(userId: string, membership: DestinyMembership): Promise<DestinyMembership | undefined> {
  const prisma = await getPrisma();
  const choice = await prisma.profileChoice.findUnique({ where: { userId }, select: { membershipId: true } });
  if (choice?.membershipId !== membership.membershipId) return undefined;
  const { offered, active } = await relist(userId);
  if (offered.some((m) => m.membershipId === choice.membershipId)) return undefined;
  await prisma.profileChoice.deleteMany({ where: { userId, membershipId: choice.membershipId } });
  await recacheSessions(userId);
  log.info(`User ${userId}: the chosen Destiny profile is no longer listed by Bungie; back to the default one.`);
  return active && active.membershipId !== membership.membershipId ? { membershipType: active.membershipType, membershipId: active.membershipId } : undefined;
}

/**
 * Shows `membershipId`'s profile from now on, on every device. Checked against what Bungie lists
 * for the account right now (one call, which also refreshes the stored list): a profile it no
 * longer lists is refused with a sentence (404), and the choice stays as it was.
 */
export async function chooseProfile(userId: string, membershipId: string): Promise<ProfileSwitchView> {
  const { offered } = await relist(userId);
  const chosen = offered.find((m) => m.membershipId === membershipId);
  if (!chosen) throw new AppError('unknown_profile');
  const prisma = await getPrisma();
  const row = { membershipId: chosen.membershipId, membershipType: chosen.membershipType };
  await prisma.profileChoice.upsert({ where: { userId }, create: { userId, ...row }, update: row });
  await recacheSessions(userId);
  return view({ offered, active: chosen, listed: true });
}

/**
 * The Destiny columns of a Bungie account at sign-in: the profiles it can switch between and its
 * default (the cross-save primary, else the most recently played — asked of GetLinkedProfiles,
 * without a token, only when there are several to choose from; if that fails, the first).
 */
export async function membershipColumns(data: UserMembershipData): Promise<{ destiny_membership_id: string | null; destiny_membership_type: number | null; destiny_memberships: OfferedMembership[] }> {
  const offered = offeredMemberships(data);
  let lastPlayed = new Map<string, number>();
  if (offered.length > 1 && !data.primaryMembershipId) {
    try {
      const linked = await getLinkedProfiles(data.bungieNetUser.membershipId);
      lastPlayed = new Map(linked.profiles.map((p) => [p.membershipId, Date.parse(p.dateLastPlayed)]));
    } catch (error) {
      log.warn(`GetLinkedProfiles failed at sign-in (${error instanceof Error ? error.name : 'error'}); the first Destiny profile is the default.`);
    }
  }
  const chosen = defaultMembership(data, lastPlayed);
  return { destiny_membership_id: chosen?.membershipId ?? null, destiny_membership_type: chosen?.membershipType ?? null, destiny_memberships: offered };
}
