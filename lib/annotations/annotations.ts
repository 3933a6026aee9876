import 'server-only';
import type { RequestUser } from '@/lib/auth/request-user';
import { getPrisma } from '@/lib/db/client';
import { matchesEtag, notModified, revalidatedJson } from '@/lib/http/etag';
import { AppError } from '@/lib/http/errors';
import { marksEtag, marksVersionOf, renewMarksVersion, withMarksVersion } from './marks-version';
import { isTag, MAX_ANNOTATIONS, type Annotation, type BulkInput, type SetInput, type Tag } from './schemas';

type Row = { instanceId: string; tag: string | null; notes: string | null; updatedAt: Date };

/** A stored row as the routes answer it; a tag that is not one of ours (a row is data, not code) reads as none. */
function toAnnotation(row: Row): Annotation {
  return { instanceId: row.instanceId, tag: isTag(row.tag) ? row.tag : null, notes: row.notes || null, updatedAt: row.updatedAt.toISOString() };
}

const tooMany = () => new AppError('too_many_annotations', `You have tagged or noted ${MAX_ANNOTATIONS.toLocaleString('en-US')} items, the most Vault Raider keeps. Clear the tags and notes of items you no longer have first.`);

/** The player's tags and notes, every one (a few thousand rows at most). */
export async function listAnnotations(userId: string): Promise<Annotation[]> {
  const prisma = await getPrisma();
  const rows = await prisma.itemAnnotation.findMany({ where: { userId }, orderBy: { instanceId: 'asc' }, take: MAX_ANNOTATIONS });
  return rows.map(toAnnotation);
}

/**
 * GET /api/annotations: every tag and note of the player with an ETag, 304 when unchanged. In cloud
 * mode the ETag is the version (lib/annotations/marks-version.ts): an unchanged one costs no query;
 * the version also goes in `X-Marks-Version`, so the page knows which version its list is.
 */
export async function annotationsAnswer(request: Request, user: RequestUser): Promise<Response> {
  const known = user.cached?.marksVersion;
  if (known && matchesEtag(request.headers.get('if-none-match'), marksEtag(known))) return withMarksVersion(notModified(marksEtag(known)), known);
  const version = await marksVersionOf(user);
  return withMarksVersion(revalidatedJson(request, { annotations: await listAnnotations(user.userId) }, version ? marksEtag(version) : undefined), version);
}

/** The player's tags and notes by instance id, for building pages. */
export async function annotationsByInstance(userId: string): Promise<Map<string, Annotation>> {
  return new Map((await listAnnotations(userId)).map((a) => [a.instanceId, a]));
}

/**
 * Sets the tag and/or the note of one item; a field left out stays, `null` or an empty note clears
 * it, and an item left with neither loses its row. One player's writes take turns (a row lock on
 * the user), so two devices saving at once never lose a field and never pass the cap together.
 */
export async function setAnnotation(userId: string, instanceId: string, input: SetInput): Promise<Annotation> {
  const prisma = await getPrisma();
  const saved = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`;
    const key = { userId_instanceId: { userId, instanceId } };
    const old = await tx.itemAnnotation.findUnique({ where: key });
    const tag: Tag | null = input.tag === undefined ? (isTag(old?.tag) ? old.tag : null) : input.tag;
    const notes = input.notes === undefined ? (old?.notes ?? null) : input.notes || null;
    if (tag === null && notes === null) {
      if (old) await tx.itemAnnotation.delete({ where: key });
      return { instanceId, tag: null, notes: null, updatedAt: new Date().toISOString() };
    }
    if (!old && (await tx.itemAnnotation.count({ where: { userId } })) >= MAX_ANNOTATIONS) throw tooMany();
    const row = await tx.itemAnnotation.upsert({ where: key, create: { userId, instanceId, tag, notes }, update: { tag, notes } });
    return toAnnotation(row);
  });
  await renewMarksVersion(userId);
  return saved;
}

/** Clears the tag and the note of one item (nothing to clear is fine: the answer is the same). */
export async function clearAnnotation(userId: string, instanceId: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.itemAnnotation.deleteMany({ where: { userId, instanceId } });
  await renewMarksVersion(userId);
}

/**
 * Gives many items one tag (a search's results), or clears their tags (`tag: null`; their notes
 * stay). Answers the resulting annotations of those items (cleared ones with `tag: null`).
 */
export async function bulkTag(userId: string, input: BulkInput): Promise<Annotation[]> {
  const ids = [...new Set(input.instanceIds)];
  const prisma = await getPrisma();
  const tagged = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`;
    const scope = { userId, instanceId: { in: ids } };
    if (input.tag === null) {
      await tx.itemAnnotation.updateMany({ where: scope, data: { tag: null } });
      await tx.itemAnnotation.deleteMany({ where: { ...scope, notes: null } });
    } else {
      const existing = new Set((await tx.itemAnnotation.findMany({ where: scope, select: { instanceId: true } })).map((r) => r.instanceId));
      const fresh = ids.filter((id) => !existing.has(id));
      if (fresh.length > 0 && (await tx.itemAnnotation.count({ where: { userId } })) + fresh.length > MAX_ANNOTATIONS) throw tooMany();
      if (existing.size > 0) await tx.itemAnnotation.updateMany({ where: { userId, instanceId: { in: [...existing] } }, data: { tag: input.tag } });
      if (fresh.length > 0) await tx.itemAnnotation.createMany({ data: fresh.map((instanceId) => ({ userId, instanceId, tag: input.tag })) });
    }
    const rows = new Map((await tx.itemAnnotation.findMany({ where: scope })).map((r) => [r.instanceId, toAnnotation(r)]));
    const now = new Date().toISOString();
    return ids.map((instanceId) => rows.get(instanceId) ?? { instanceId, tag: null, notes: null, updatedAt: now });
  });
  await renewMarksVersion(userId);
  return tagged;
}

/** Tags that keep an item where it is: tools that move items on their own (farming) leave these. */
export const KEEP_TAGS: readonly Tag[] = ['favorite', 'keep'];

/** Which of these instance ids the player tagged favourite or keep (one query, only the ids asked). */
export async function keptAmong(userId: string, instanceIds: readonly string[]): Promise<Set<string>> {
  if (instanceIds.length === 0) return new Set();
  const prisma = await getPrisma();
  const rows = await prisma.itemAnnotation.findMany({ where: { userId, instanceId: { in: [...instanceIds] }, tag: { in: [...KEEP_TAGS] } }, select: { instanceId: true } });
  return new Set(rows.map((r) => r.instanceId));
}
