'use client';

import { SerwistProvider } from '@serwist/turbopack/react';
import type { ReactNode } from 'react';

/**
 * Registers the service worker (app/sw.ts, served at /serwist/sw.js) for the whole site when
 * `enabled` — the layout's call: production builds only (a development server's worker would serve stale files). It neither
 * caches pages as they are visited nor reloads when the network returns: the offline shell says
 * so and offers the reload itself.
 */
export function ServiceWorker({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  return (
    <SerwistProvider swUrl="/serwist/sw.js" disable={!enabled} cacheOnNavigation={false} reloadOnOnline={false}>
      {children}
    </SerwistProvider>
  );
}
