/** Players seeded as a Bungie sign-in leaves them, for the benches and the crash drill, which drive the app over HTTP. */
import crypto from 'node:crypto';
import type { BungieSim } from '../bungie-sim/index';
import { newSessionToken } from '../../lib/auth/session-cache';
import { tokenColumns } from '../../lib/auth/token-columns';
import { resolveTokenKeys } from '../../lib/auth/token-crypto';
import { readTokenAnswer } from '../../lib/bungie/oauth';
import { createPrismaClient } from '../../lib/db/client';

/**
 * `count` users signed in as Auth.js leaves them (user, account with tokens encrypted under
 * `authSecret`, database session); returns their session cookies. The simulator has one Bungie.net
 * player: user 0 is that account (an admin when the stack says so), the others are app users of
 * the same Destiny profile.
 */
export async function seedPlayers(databaseUrl: string, sim: BungieSim, count: number, authSecret: string): Promise<string[]> {
  // One connection: the queries run one after another, and the embedded database serves one session.
  const prisma = createPrismaClient(databaseUrl, { poolSize: 1 });
  const keys = resolveTokenKeys([], authSecret);
  const primary = sim.world.player.memberships[0]!;
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = sim.issueTokens();
    const tokens = readTokenAnswer(answer, Math.floor(Date.now() / 1000));
    const providerAccountId = i === 0 ? answer.membership_id : `77${String(i).padStart(8, '0')}`;
    const user = await prisma.user.create({ data: { name: `Guardian#${1000 + i}` } });
    await prisma.account.create({
      data: {
        userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId, bungie_membership_id: providerAccountId,
        destiny_membership_id: primary.membershipId, destiny_membership_type: primary.membershipType, ...tokenColumns(tokens, keys),
        // Listed as a sign-in lists them, so a benchmark's first page asks Bungie no more than a real player's.
        destiny_memberships: [{ membershipId: primary.membershipId, membershipType: primary.membershipType, displayName: primary.displayName }],
      },
    });
    // As the app's adapter makes them (lib/auth/adapter.ts): the token names its user.
    const sessionToken = newSessionToken(user.id, crypto.randomUUID());
    await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
    cookies.push(`authjs.session-token=${sessionToken}`);
  }
  await prisma.$disconnect();
  return cookies;
}
