// GET|POST /api/auth/* — Auth.js: sign-in redirect, Bungie's OAuth callback, session, sign-out. Called by the browser.
import { guardAuthHandler } from '@/lib/auth/auth-route';
import { handlers } from '@/lib/auth/auth';
import { methods } from '@/lib/http/methods';

// Not route(): Auth.js decides who is calling (it is the sign-in) and its redirects are the OAuth protocol.
export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: guardAuthHandler(handlers.GET), POST: guardAuthHandler(handlers.POST) });
