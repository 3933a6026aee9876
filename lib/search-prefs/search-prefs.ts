import 'server-only';
import { sessionAccountOf } from '@/lib/auth/session-account';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/http/errors';
import { MAX_RECENT, MAX_SAVED, SORT_KEYS, type SearchPrefsInput, type SearchPrefsView, type SortChoice } from './schemas';

const isSort = (value: string): value is SortChoice => (SORT_KEYS as readonly string[]).includes(value);

/** The player's starred and recent searches (newest first) and sort order (`tier` until chosen). */
export async function readSearchPrefs(userId: string): Promise<SearchPrefsView> {
  const prisma = await getPrisma();
  const [rows, prefs] = await Promise.all([
    prisma.savedSearch.findMany({ where: { userId }, orderBy: [{ usedAt: 'desc' }, { id: 'desc' }], select: { kind: true, query: true } }),
    prisma.searchPrefs.findUnique({ where: { userId }, select: { sort: true } }),
  ]);
  return {
    saved: rows.filter((r) => r.kind === 'saved').map((r) => r.query).slice(0, MAX_SAVED),
    recent: rows.filter((r) => r.kind === 'recent').map((r) => r.query).slice(0, MAX_RECENT),
    sort: prefs && isSort(prefs.sort) ? prefs.sort : 'tier',
  };
}

/**
 * The player's sort order alone (`tier` until chosen): pages render their grids in it, so the order
 * the player picked is there from the first paint instead of rearranging once the prefs arrive.
 */
export async function readSortChoice(userId: string): Promise<SortChoice> {
  // A page render: the request's session lookup read it a moment ago (lib/auth/session-account.ts).
  const kept = sessionAccountOf(userId);
  const prefs = kept ? { sort: kept.sort ?? 'tier' } : await (await getPrisma()).searchPrefs.findUnique({ where: { userId }, select: { sort: true } });
  return prefs && isSort(prefs.sort) ? prefs.sort : 'tier';
}

/** Applies one change, then answers the player's searches as they are now. */
export async function changeSearchPrefs(userId: string, input: SearchPrefsInput): Promise<SearchPrefsView> {
  const prisma = await getPrisma();
  const now = new Date();
  switch (input.action) {
    case 'save': {
      const count = await prisma.savedSearch.count({ where: { userId, kind: 'saved', NOT: { query: input.query } } });
      if (count >= MAX_SAVED) throw new AppError('too_many_searches', `You have ${MAX_SAVED} saved searches, the most Vault Raider keeps. Remove one first.`);
      await prisma.savedSearch.upsert({
        where: { userId_kind_query: { userId, kind: 'saved', query: input.query } },
        create: { userId, kind: 'saved', query: input.query, usedAt: now },
        update: { usedAt: now },
      });
      break;
    }
    case 'unsave':
      // Unstarring one that is not starred (another device just did) is no error.
      await prisma.savedSearch.deleteMany({ where: { userId, kind: 'saved', query: input.query } });
      break;
    case 'recent': {
      await prisma.savedSearch.upsert({
        where: { userId_kind_query: { userId, kind: 'recent', query: input.query } },
        create: { userId, kind: 'recent', query: input.query, usedAt: now },
        update: { usedAt: now },
      });
      const old = await prisma.savedSearch.findMany({ where: { userId, kind: 'recent' }, orderBy: [{ usedAt: 'desc' }, { id: 'desc' }], skip: MAX_RECENT, select: { id: true } });
      if (old.length) await prisma.savedSearch.deleteMany({ where: { id: { in: old.map((r) => r.id) } } });
      break;
    }
    case 'sort':
      await prisma.searchPrefs.upsert({ where: { userId }, create: { userId, sort: input.sort }, update: { sort: input.sort } });
      break;
  }
  return readSearchPrefs(userId);
}
