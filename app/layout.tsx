import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { LoadProblem } from '@/components/inventory/load-problem';
import { ServiceWorker } from '@/components/offline/service-worker';
import { sessionState } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { headerPlayer } from '@/lib/memberships/header-player';
import { THEME_COLOR } from './manifest';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Vault Raider', template: '%s · Vault Raider' },
  description: 'Your Destiny 2 vault and characters, on your phone.',
  applicationName: 'Vault Raider',
  // public/ (npm run icons draws them); the web app manifest is app/manifest.ts.
  icons: { icon: [{ url: '/favicon.ico', sizes: '16x16 32x32' }, { url: '/icon-192.png', sizes: '192x192', type: 'image/png' }], apple: '/apple-touch-icon.png' },
  appleWebApp: { capable: true, title: 'Vault Raider', statusBarStyle: 'black-translucent' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: THEME_COLOR,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { session, databaseDown } = await sessionState();
  const player = session && !session.user.needsReauth ? await headerPlayer(session.user) : undefined;
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <ServiceWorker enabled={getConfig().nodeEnv === 'production'}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-vault-accent focus:px-3 focus:py-2 focus:text-black">
            Skip to content
          </a>
          <SiteHeader player={player} />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 pb-16 pt-4">
            {/* A signed-in player's pages all need the database: one clear page instead of each failing. */}
            {databaseDown ? <LoadProblem problem={{ kind: 'database-unavailable' }} /> : children}
          </main>
        </ServiceWorker>
      </body>
    </html>
  );
}
