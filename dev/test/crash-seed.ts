/**
 * The crash drill's players, seeded into the embedded database before the app first opens it (two
 * processes never share a PGlite folder): users signed in as Auth.js leaves them (user, account
 * with encrypted Bungie tokens, session). Player 0 is the simulator's own Bungie.net account, the
 * admin. Returns their session cookies.
 */
import crypto from 'node:crypto';
import type { BungieSim } from '../bungie-sim/index';
import { tokenColumns } from '../../lib/auth/token-columns';
import { resolveTokenKeys } from '../../lib/auth/token-crypto';
import { readTokenAnswer } from '../../lib/bungie/oauth';
import { createPrismaClient } from '../../lib/db/client';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { applyMigrations } from '../../lib/db/migrate';

export async function seedPlayers(dataDir: string, sim: BungieSim, count: number, authSecret: string): Promise<string[]> {
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await applyMigrations(embedded.url);
    const prisma = createPrismaClient(embedded.url, { poolSize: 1 });
    const keys = resolveTokenKeys([], authSecret);
    const primary = sim.world.player.memberships[0]!;
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      const answer = sim.issueTokens();
      const tokens = readTokenAnswer(answer, Math.floor(Date.now() / 1000));
      const providerAccountId = i === 0 ? answer.membership_id : `88${String(i).padStart(8, '0')}`;
      const user = await prisma.user.create({ data: { name: `Crash#${1000 + i}` } });
      await prisma.account.create({
        data: {
          userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId, bungie_membership_id: providerAccountId,
          destiny_membership_id: primary.membershipId, destiny_membership_type: primary.membershipType, ...tokenColumns(tokens, keys),
        },
      });
      const sessionToken = crypto.randomUUID();
      await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
      cookies.push(`authjs.session-token=${sessionToken}`);
    }
    await prisma.$disconnect();
    return cookies;
  } finally {
    await embedded.stop();
  }
}
