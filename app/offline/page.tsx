// GET /offline — the offline shell: the service worker (app/sw.ts) answers any page with it when
// the network is down. Needs no session and no Bungie call: it draws the vault this browser saw last.
import type { Metadata } from 'next';
import { OfflineVault } from '@/components/offline/offline-vault';

export const metadata: Metadata = { title: 'Offline' };

export default function OfflinePage() {
  return <OfflineVault />;
}
