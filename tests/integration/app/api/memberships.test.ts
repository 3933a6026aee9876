import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { GET as getMemberships, PUT as putMemberships } from '@/app/api/memberships/route';
import { GET as getProfile } from '@/app/api/profile/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import { GET as getLoadouts, POST as postLoadout } from '@/app/api/loadouts/route';
import { POST as applyLoadout } from '@/app/api/loadouts/[id]/apply/route';
import { getPrisma } from '@/lib/db/client';
import type { VaultView } from '@/lib/inventory/types';
import { membershipColumns } from '@/lib/memberships/profiles';
import type { ProfileSwitchView } from '@/lib/memberships/types';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Several Destiny profiles (issue 19): the simulator's player with cross-save off and a second
// profile (PlayStation) of its own characters and vault, through the routes' exported handlers on
// PostgreSQL. The harness signs in as an account from before the profile list was kept.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
const sim = () => stack.sim;
const steam = () => sim().world.player.memberships.find((m) => m.membershipType === 3)!;
const psn = () => sim().world.player.memberships.find((m) => m.membershipType === 2)!;
const second = () => sim().world.otherProfiles![0]!;
const calls = (endpoint: string) => sim().stats.byEndpoint[endpoint] ?? 0;

beforeAll(async () => {
  sim().controls.setSecondProfile(true);
  player = await signInPlayer(sim());
});
beforeEach(async () => {
  if (!sim().world.otherProfiles) sim().controls.setSecondProfile(true);
  const prisma = await getPrisma();
  await prisma.profileChoice.deleteMany({ where: { userId: player.userId } });
});

async function json<T>(response: Response): Promise<{ status: number; body: T & { error?: { code: string; message: string } } }> {
  return { status: response.status, body: (await response.json()) as never };
}
const headers = (cookie: string) => ({ cookie, origin: APP_ORIGIN, 'content-type': 'application/json' });
const list = (cookie = player.cookie) => getMemberships(new Request(`${APP_ORIGIN}/api/memberships`, { headers: { cookie } })).then((r) => json<ProfileSwitchView>(r));
const choose = (body: unknown, cookie = player.cookie) =>
  putMemberships(new Request(`${APP_ORIGIN}/api/memberships`, { method: 'PUT', headers: headers(cookie), body: JSON.stringify(body) })).then((r) => json<ProfileSwitchView>(r));
const vault = () => getProfile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: player.cookie } })).then((r) => json<VaultView>(r));
const vaultIds = (view: VaultView) => new Set(view.groups.flatMap((g) => g.sections.flatMap((s) => s.items.flatMap((t) => (t.instanceId ? [t.instanceId] : [])))));

describe('GET /api/memberships', () => {
  it('lists both profiles with their platforms (asked of Bungie once for an account signed in before the list was kept); Steam is in use', async () => {
    const before = calls('GetMembershipsForCurrentUser');
    const first = await list();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      profiles: [
        { membershipId: steam().membershipId, membershipType: 3, displayName: 'Guardian', platform: 'Steam' },
        { membershipId: psn().membershipId, membershipType: 2, displayName: 'Guardian', platform: 'PlayStation' },
      ],
      activeId: steam().membershipId,
    });
    expect(calls('GetMembershipsForCurrentUser')).toBe(before + 1);
    // Stored now: the next listing asks Bungie nothing.
    expect((await list()).body.profiles).toHaveLength(2);
    expect(calls('GetMembershipsForCurrentUser')).toBe(before + 1);
  });

  it('answers 401 with a sentence when signed out', async () => {
    const answer = await list('authjs.session-token=forged');
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('signed_out');
  });
});

describe('PUT /api/memberships', () => {
  it('switches at once: the vault, then an item action, read and change the second profile; the choice is stored', async () => {
    const chosen = await choose({ membershipId: psn().membershipId });
    expect(chosen.status).toBe(200);
    expect(chosen.body.activeId).toBe(psn().membershipId);
    expect((await list()).body.activeId).toBe(psn().membershipId);
    const prisma = await getPrisma();
    expect(await prisma.profileChoice.findUnique({ where: { userId: player.userId }, select: { membershipId: true, membershipType: true } })).toEqual({ membershipId: psn().membershipId, membershipType: 2 });

    const view = await vault();
    expect(view.status).toBe(200);
    const secondVault = second().items.filter((i) => i.owner === 'vault');
    expect(view.body.count).toBe(secondVault.length);
    const ids = vaultIds(view.body);
    expect(secondVault.every((i) => !i.itemInstanceId || ids.has(i.itemInstanceId))).toBe(true);
    expect(sim().world.items.some((i) => i.itemInstanceId && ids.has(i.itemInstanceId))).toBe(false);

    // A move goes to the second profile's platform and character.
    const titan = second().characters.find((c) => c.classType === 0)!.characterId;
    const item = second().items.find((i) => i.owner === titan && !i.equipped && i.itemInstanceId && i.bucketHash === 1498876634)!;
    const moved = await json<{ ok: boolean }>(await transfer(jsonPost('/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: titan, to: 'vault' }, { cookie: player.cookie })));
    expect(moved.status).toBe(200);
    expect(item.owner).toBe('vault');

    // And back.
    expect((await choose({ membershipId: steam().membershipId })).body.activeId).toBe(steam().membershipId);
    expect((await vault()).body.count).toBe(sim().world.items.filter((i) => i.owner === 'vault').length);
  });

  it('refuses a profile Bungie does not list for the account with a 404 sentence, and keeps the choice', async () => {
    await choose({ membershipId: psn().membershipId });
    const answer = await choose({ membershipId: '4611686018400000999' });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual({ code: 'unknown_profile', message: expect.stringMatching(/does not list that Destiny profile/) });
    expect((await list()).body.activeId).toBe(psn().membershipId);
  });

  it('refuses a body that is not a membership id with a 400 sentence', async () => {
    for (const body of [{}, { membershipId: 'steam' }, { membershipId: psn().membershipId, extra: 1 }]) {
      const answer = await choose(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toEqual(expect.any(String));
    }
  });

  it('a stale choice (cross-save turned on since) falls back to the default profile without an error, and is dropped', async () => {
    await choose({ membershipId: psn().membershipId });
    sim().controls.setSecondProfile(false);
    const view = await vault();
    expect(view.status).toBe(200);
    expect(view.body.count).toBe(sim().world.items.filter((i) => i.owner === 'vault').length);
    const after = await list();
    expect(after.body.activeId).toBe(steam().membershipId);
    expect(after.body.profiles.map((p) => p.platform)).toEqual(['Steam']);
    const prisma = await getPrisma();
    expect(await prisma.profileChoice.findUnique({ where: { userId: player.userId } })).toBeNull();
  });
});

describe('loadouts per profile', () => {
  const names = async () => ((await json<{ loadouts: { name: string }[] }>(await getLoadouts(new Request(`${APP_ORIGIN}/api/loadouts`, { headers: { cookie: player.cookie } })))).body.loadouts.map((l) => l.name));

  it('a loadout saved on one profile is listed and applied only while that profile is in use', async () => {
    const steamTitan = sim().world.characters.find((c) => c.classType === 0)!.characterId;
    const saved = await json<{ loadout: { id: string } }>(await postLoadout(jsonPost('/api/loadouts', { name: 'Steam PvE', characterId: steamTitan }, { cookie: player.cookie })));
    expect(saved.status).toBe(201);
    expect(await names()).toContain('Steam PvE');

    await choose({ membershipId: psn().membershipId });
    expect(await names()).not.toContain('Steam PvE');
    const psnTitan = second().characters.find((c) => c.classType === 0)!.characterId;
    const applied = await applyLoadout(jsonPost(`/api/loadouts/${saved.body.loadout.id}/apply`, { characterId: psnTitan }, { cookie: player.cookie }), { params: Promise.resolve({ id: saved.body.loadout.id }) });
    expect(applied.status).toBe(404);

    await choose({ membershipId: steam().membershipId });
    expect(await names()).toContain('Steam PvE');
  });
});

describe('membershipColumns (sign-in)', () => {
  async function answer(): Promise<UserMembershipData> {
    const token = sim().issueTokens().access_token;
    const res = await fetch('http://bungie.sim.test/Platform/User/GetMembershipsForCurrentUser/', { headers: { 'X-API-Key': 'k', Authorization: `Bearer ${token}` } });
    return ((await res.json()) as { Response: UserMembershipData }).Response;
  }

  it('cross-save off: both profiles listed, the most recently played (GetLinkedProfiles) the default', async () => {
    const linked = calls('GetLinkedProfiles');
    const columns = await membershipColumns(await answer());
    expect(columns).toEqual({
      destiny_membership_id: steam().membershipId, destiny_membership_type: 3,
      destiny_memberships: [expect.objectContaining({ membershipId: steam().membershipId }), expect.objectContaining({ membershipId: psn().membershipId })],
    });
    expect(calls('GetLinkedProfiles')).toBe(linked + 1);
  });

  it('cross-save on: only the primary, and no GetLinkedProfiles call', async () => {
    sim().controls.setSecondProfile(false);
    const linked = calls('GetLinkedProfiles');
    const columns = await membershipColumns(await answer());
    expect(columns.destiny_memberships).toEqual([{ membershipId: steam().membershipId, membershipType: 3, displayName: 'Guardian' }]);
    expect(columns.destiny_membership_id).toBe(steam().membershipId);
    expect(calls('GetLinkedProfiles')).toBe(linked);
  });
});
