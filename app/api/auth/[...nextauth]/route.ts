// GET|POST /api/auth/* — Auth.js: sign-in redirect, Bungie's OAuth callback, session, sign-out. Called by the browser.
import { guardAuthHandler } from '@/lib/auth/auth-route';
import { handlers } from '@/lib/auth/auth';
import { otherMethods } from '@/lib/http/methods';

export const GET = guardAuthHandler(handlers.GET);
export const POST = guardAuthHandler(handlers.POST);

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
