// GET, POST /api/search — the search box's starred and recent searches and the sort order, per player.
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { searchPrefsSchema } from '@/lib/search-prefs/schemas';
import { changeSearchPrefs, readSearchPrefs } from '@/lib/search-prefs/search-prefs';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  /** `{ saved, recent, sort }`; no Bungie call, so an ended Bungie session may read them. */
  GET: route({ caller: 'player', endedSessionOk: true }, async ({ user }) => readSearchPrefs(user.userId)),
  /** `{ action: 'save' | 'unsave' | 'recent', query }` or `{ action: 'sort', sort }` → `{ saved, recent, sort }`. */
  POST: route({ caller: 'player', endedSessionOk: true, limit: rateLimit, body: searchPrefsSchema }, async ({ user, body }) => changeSearchPrefs(user.userId, body)),
});
