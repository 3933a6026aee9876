/// <reference lib="webworker" />
// The service worker (built by @serwist/turbopack's route, app/serwist/[path]/route.ts, with
// esbuild at `next build`; served as /serwist/sw.js for the scope /). It precaches Next's static
// files and public/ (the precache list Serwist injects), keeps the offline shell (/offline) fetched
// WITHOUT cookies at install — no player's name or items are in it — and answers any page with that
// shell when the network is down. Pages and API answers are never cached: online, every request
// goes to the server as before.
import { NetworkOnly, Serwist, type PrecacheEntry, type SerwistGlobalConfig } from 'serwist';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const OFFLINE_URL = '/offline';
const SHELL_CACHE = 'vault-raider-offline-shell';

async function cacheShell(): Promise<void> {
  const response = await fetch(OFFLINE_URL, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`The offline shell answered ${response.status}.`);
  await (await caches.open(SHELL_CACHE)).put(OFFLINE_URL, response);
}

async function offlineShell(): Promise<Response> {
  return (await (await caches.open(SHELL_CACHE)).match(OFFLINE_URL)) ?? Response.error();
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    // A page: the network, and the shell when it fails (offline, or the server unreachable).
    { matcher: ({ request }) => request.mode === 'navigate', handler: new NetworkOnly({ plugins: [{ handlerDidError: offlineShell }] }) },
  ],
});

self.addEventListener('install', (event) => event.waitUntil(cacheShell()));
serwist.addEventListeners();
