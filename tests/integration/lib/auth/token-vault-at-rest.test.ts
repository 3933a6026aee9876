import type { AdapterAccount } from 'next-auth/adapters';
import { describe, expect, it } from 'vitest';
import { getAccessToken } from '@/lib/auth/access-token';
import { vaultAdapter } from '@/lib/auth/adapter';
import type { PrismaClient } from '@/lib/db/client';
import { testBackends } from '@/tests/support/postgres';
import { appKeys, nowSeconds, storedPair, withBungieSim, withDatabase } from './vault-harness';

// A leaked database dump must not hand out Bungie sessions: no token is ever stored as given.
// Checked on the raw rows (SQL, not Prisma's model), through the sign-in path and after a refresh.

const h = withBungieSim();

type Row = Record<string, unknown>;

/** Every column of the raw account row, as text. */
async function rawAccountColumns(prisma: PrismaClient, userId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<Row[]>`SELECT * FROM accounts WHERE user_id = ${userId}`;
  expect(rows).toHaveLength(1);
  return Object.values(rows[0] ?? {}).map((value) => (value instanceof Date ? value.toISOString() : String(value)));
}

/** Every row of every table in the schema, as JSON text: a token must not hide anywhere. */
async function wholeDatabase(prisma: PrismaClient): Promise<string> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  expect(tables.map((t) => t.name)).toContain('accounts');
  const dumps: string[] = [];
  for (const { name } of tables) {
    // The names come from the catalog just above, quoted as identifiers.
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${name.replaceAll('"', '""')}" t`);
    dumps.push(...rows.map((r) => r.row));
  }
  return dumps.join('\n');
}

async function expectNowhere(prisma: PrismaClient, userId: string, secrets: readonly string[]) {
  const columns = await rawAccountColumns(prisma, userId);
  const dump = await wholeDatabase(prisma);
  for (const secret of secrets) {
    for (const column of columns) expect(column).not.toContain(secret);
    expect(dump).not.toContain(secret);
  }
}

describe.each(testBackends)('token vault at rest on $name', (backend) => {
  const db = withDatabase(backend);

  it('the sign-in path (vaultAdapter.linkAccount) and a later refresh store no plaintext token', async () => {
    const adapter = vaultAdapter(db.prisma, appKeys());
    const answer = h.sim.issueTokens();
    const user = await db.prisma.user.create({ data: { name: 'Guardian' } });
    // What the Bungie provider's `account()` hands Auth.js, which passes it to `linkAccount`.
    const account: AdapterAccount = {
      userId: user.id,
      type: 'oauth',
      provider: 'bungie',
      providerAccountId: answer.membership_id,
      access_token: answer.access_token,
      refresh_token: answer.refresh_token,
      // Inside the refresh margin, so the next getAccessToken refreshes.
      expires_at: nowSeconds() + 30,
      token_type: 'bearer',
      refresh_expires_at: nowSeconds() + answer.refresh_expires_in,
      bungie_membership_id: answer.membership_id,
    };
    await adapter.linkAccount?.(account);

    await expectNowhere(db.prisma, user.id, [answer.access_token, answer.refresh_token]);
    // Encrypted, not dropped: the app reads back exactly what Bungie issued.
    expect(await storedPair(db.prisma, user.id)).toEqual({ access: answer.access_token, refresh: answer.refresh_token });

    const fresh = await getAccessToken(user.id, { prisma: db.prisma });
    expect(h.sim.stats.refreshes).toBe(1);
    const pair = await storedPair(db.prisma, user.id);
    expect(pair.access).toBe(fresh);
    expect(pair.refresh).not.toBe(answer.refresh_token);
    await expectNowhere(db.prisma, user.id, [answer.access_token, answer.refresh_token, pair.access, pair.refresh]);
  });
});
