import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireSession } from '@/lib/auth/session';
import { checkPlayersCharacter } from '@/lib/inventory/loaders/check-character';

/**
 * Runs before the page's loading skeleton streams (after that the status is already 200): a
 * visitor who is not signed in gets a real redirect, and an id that is not the player's a real
 * HTTP 404 — every time, also in a process that has not seen the player yet. Usually no Bungie
 * call (this process saw the player's characters in a recent profile); otherwise one small
 * GetProfile (component 100: the character ids, a few hundred bytes) before the skeleton streams.
 */
export default async function CharacterLayout({ children, params }: { children: ReactNode; params: Promise<{ characterId: string }> }) {
  const [{ characterId }, session] = await Promise.all([params, requireSession()]);
  if (session.user.needsReauth) redirect('/');
  if ((await checkPlayersCharacter(session.user.id, characterId)) === false) notFound();
  return children;
}
