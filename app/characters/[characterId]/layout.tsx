import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireSession } from '@/lib/auth/session';
import { isSurelyNotPlayersCharacter } from '@/lib/inventory/loaders';

/**
 * Runs before the page's loading skeleton streams (after that the status is already 200): a
 * visitor who is not signed in gets a real redirect, and an id that is surely not the player's
 * a real HTTP 404. Costs no Bungie call: it asks what this process last saw in a profile.
 */
export default async function CharacterLayout({ children, params }: { children: ReactNode; params: Promise<{ characterId: string }> }) {
  const [{ characterId }, session] = await Promise.all([params, requireSession()]);
  if (session.user.needsReauth) redirect('/');
  if (isSurelyNotPlayersCharacter(session.user.id, characterId)) notFound();
  return children;
}
