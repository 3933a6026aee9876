import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { LoadProblem } from '@/components/inventory/load-problem';
import { sessionState } from '@/lib/auth/session';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Vault Raider', template: '%s · Vault Raider' },
  description: 'Your Destiny 2 vault and characters, on your phone.',
  applicationName: 'Vault Raider',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0f1115',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { session, databaseDown } = await sessionState();
  const player = session && !session.user.needsReauth ? { name: session.user.name, platform: session.user.platform } : undefined;
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-vault-accent focus:px-3 focus:py-2 focus:text-black">
          Skip to content
        </a>
        <SiteHeader player={player} />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 pb-16 pt-4">
          {/* A signed-in player's pages all need the database: one clear page instead of each failing. */}
          {databaseDown ? <LoadProblem problem={{ kind: 'database-unavailable' }} /> : children}
        </main>
      </body>
    </html>
  );
}
