// GET /serwist/sw.js (and its source map) — the service worker, built from app/sw.ts by Serwist's
// Turbopack integration: esbuild bundles it while `next build` prerenders this route, with the
// precache list (Next's static files and public/) injected. Static: no function runs for it.
import { createSerwistRoute } from '@serwist/turbopack';

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({ swSrc: 'app/sw.ts', useNativeEsbuild: true });
