// GET /api/memberships — the player's Destiny profiles and the one in use (the header's switcher);
// PUT — shows another of them from now on (the switcher, when the player picks one; rare).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { chooseProfile, chooseProfileSchema, profileSwitch } from '@/lib/memberships/profiles';

export const dynamic = 'force-dynamic';

export const { GET, PUT, POST, PATCH, DELETE } = methods({
  GET: route({ caller: 'player', limit: rateLimit, endedSessionOk: true }, ({ user }) => profileSwitch(user.userId)),
  PUT: route({ caller: 'player', limit: rateLimit, body: chooseProfileSchema }, ({ user, body }) => chooseProfile(user.userId, body.membershipId)),
});
