import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/http/errors';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { isKnownCharacter, profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { loadItemFacts } from './item-facts';
import { loadoutIdSchema, MAX_LOADOUTS, storedItemsSchema, type CreateInput, type StoredItem } from './schemas';
import { findConflicts, LOADOUT_BUCKETS } from './slots';
import type { LoadoutView } from './types';

/** GetProfile components a save needs: characters (class) and their equipment. */
const SAVE_COMPONENTS = [200, 205] as const;
const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/** A loadout row as this module reads it. */
export type LoadoutRecord = { id: string; name: string; classType: number; items: StoredItem[]; updatedAt: Date };

const notFound = () => new AppError('loadout_not_found');
const tooMany = () => new AppError('too_many_loadouts', `You have ${MAX_LOADOUTS} loadouts, the most Vault Raider keeps. Delete one first.`);
const duplicate = (name: string) => new AppError('duplicate_name', `You already have a loadout named “${name}”. Choose another name.`);

/** The `[id]` route parameter; anything that cannot be a loadout id is the same 404 as a missing one. */
export function loadoutIdOf(params: Record<string, string>): string {
  const parsed = loadoutIdSchema.safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** A stored `items` value, checked: a row that is not what we wrote reads as an empty loadout; an item listed twice counts once. */
function itemsOf(value: unknown): StoredItem[] {
  const parsed = storedItemsSchema.safeParse(value);
  if (!parsed.success) return [];
  const seen = new Set<string>();
  return parsed.data.filter((i) => !seen.has(i.itemId) && seen.add(i.itemId));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Loadout rows with their items described from the manifest (one batched read for all of them). */
async function toViews(records: LoadoutRecord[]): Promise<LoadoutView[]> {
  const facts = await loadItemFacts([...new Set(records.flatMap((r) => r.items.map((i) => i.itemHash)))]);
  return records.map((r) => ({
    id: r.id,
    name: r.name,
    classType: r.classType,
    className: CLASS_NAMES[r.classType] ?? 'Guardian',
    updatedAt: r.updatedAt.toISOString(),
    items: r.items.map((i) => {
      const { name, iconUrl, tier } = facts(i.itemHash);
      return { ...i, name, iconUrl, tier };
    }),
  }));
}

/** Loadouts of the profile in use, and those saved before profiles were told apart. */
async function ofActiveProfile(userId: string) {
  const membership = await destinyMembershipOf(userId);
  return { userId, OR: [{ membershipId: null }, ...(membership ? [{ membershipId: membership.membershipId }] : [])] };
}

/**
 * The user's loadout with this id, of the profile in use; another user's id (or another profile's)
 * is the same 404 as a missing one.
 */
export async function findLoadout(userId: string, id: string): Promise<LoadoutRecord> {
  const prisma = await getPrisma();
  const row = await prisma.loadout.findFirst({ where: { id, ...(await ofActiveProfile(userId)) } });
  if (!row) throw notFound();
  return { ...row, items: itemsOf(row.items) };
}

/** The user's loadouts of the profile in use, by name. */
export async function listLoadouts(userId: string): Promise<LoadoutView[]> {
  const prisma = await getPrisma();
  const rows = await prisma.loadout.findMany({ where: await ofActiveProfile(userId), orderBy: { name: 'asc' }, take: MAX_LOADOUTS });
  return toViews(rows.map((r) => ({ ...r, items: itemsOf(r.items) })));
}


/**
 * Saves what the character has equipped right now (one GetProfile) under `name`. Refuses a
 * duplicate name (409), a 101st loadout (409), a character that is not the player's (404), and
 * a set the game could not equip together (409; Bungie's data should never show one).
 */
export async function createLoadout(userId: string, input: CreateInput): Promise<LoadoutView> {
  const prisma = await getPrisma();
  // The cheap checks first: a refused save costs no Bungie call.
  if (await prisma.loadout.findFirst({ where: { userId, name: input.name }, select: { id: true } })) throw duplicate(input.name);
  if ((await prisma.loadout.count({ where: { userId } })) >= MAX_LOADOUTS) throw tooMany();
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account');
  // A character id this process knows is not the player's costs no GetProfile (issue 17).
  if (isKnownCharacter(profileKey(userId, membership), input.characterId) === false) throw new AppError('unknown_character');
  const profile = await fetchProfile(userId, membership, SAVE_COMPONENTS);
  if (profile.characters?.data) rememberCharacters(profileKey(userId, membership), Object.keys(profile.characters.data));
  const character = profile.characters?.data?.[input.characterId];
  if (!character) throw new AppError('unknown_character');
  const items: StoredItem[] = (profile.characterEquipment?.data?.[input.characterId]?.items ?? [])
    .filter((i) => i.itemInstanceId && LOADOUT_BUCKETS.has(i.bucketHash))
    .map((i) => ({ itemId: i.itemInstanceId!, itemHash: i.itemHash, bucketHash: i.bucketHash }));
  if (items.length === 0) throw new AppError('nothing_equipped');
  const facts = await loadItemFacts(items.map((i) => i.itemHash));
  const conflict = [...findConflicts(items.map((i) => ({ ...i, uniqueLabel: facts(i.itemHash).uniqueLabel }))).entries()][0];
  if (conflict) {
    const name = facts(items.find((i) => i.itemId === conflict[0])!.itemHash).name;
    throw new AppError('loadout_conflict', `This set cannot be saved as a loadout: ${name} clashes with another equipped item. ${conflict[1]}`);
  }
  try {
    const row = await prisma.$transaction(async (tx) => {
      // One player's saves take turns here, so two at once cannot both be the 100th.
      await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`;
      if ((await tx.loadout.count({ where: { userId } })) >= MAX_LOADOUTS) throw tooMany();
      return tx.loadout.create({ data: { userId, name: input.name, classType: character.classType, membershipId: membership.membershipId, items } });
    });
    return (await toViews([{ ...row, items }]))[0]!;
  } catch (error) {
    // Two saves with one name at once: the unique index decides, the loser hears why.
    if (isUniqueViolation(error)) throw duplicate(input.name);
    throw error;
  }
}

/** Renames the user's loadout; a name another of their loadouts has is a 409. */
export async function renameLoadout(userId: string, id: string, name: string): Promise<LoadoutView> {
  const prisma = await getPrisma();
  const current = await findLoadout(userId, id);
  if (current.name === name) return (await toViews([current]))[0]!;
  try {
    // Scoped by user in the WHERE clause itself: the id alone never decides whose row changes.
    const { count } = await prisma.loadout.updateMany({ where: { id, userId }, data: { name } });
    if (count === 0) throw notFound();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name);
    throw error;
  }
  return (await toViews([await findLoadout(userId, id)]))[0]!;
}

/** Deletes the user's loadout (404 when it is not theirs or already gone). */
export async function deleteLoadout(userId: string, id: string): Promise<void> {
  const prisma = await getPrisma();
  const { count } = await prisma.loadout.deleteMany({ where: { id, userId } });
  if (count === 0) throw notFound();
}
