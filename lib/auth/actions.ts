'use server';

import { signIn, signOut } from './auth';

/** Sends the player to Bungie.net to approve Vault Raider, then back to their vault. */
export async function signInWithBungie(): Promise<void> {
  await signIn('bungie', { redirectTo: '/vault' });
}

/** Deletes the session row (and the cookie) and returns to the start page. */
export async function signOutOfVaultRaider(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
