// GET /manifest.webmanifest — the web app manifest: what a phone needs to install Vault Raider.
import type { MetadataRoute } from 'next';

/** The app's theme colour (the page background, --color-vault-bg): the status bar and splash screen. */
export const THEME_COLOR = '#0f1115';

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Vault Raider',
    short_name: 'Vault Raider',
    description: 'Your Destiny 2 vault and characters, on your phone.',
    start_url: '/vault',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    categories: ['games', 'utilities'],
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
