// GET|POST /api/auth/* — Auth.js: sign-in redirect, Bungie's OAuth callback, session, sign-out. Called by the browser.
import { handlers } from '@/lib/auth/auth';

export const { GET, POST } = handlers;
