/** Sentences for our own services being down, shared by pages and JSON routes. */

/** What a player reads while the manifest store is down and nothing is cached. */
export const MANIFEST_DOWN_MESSAGE = 'Vault Raider’s item database is not answering right now. Try again in a minute.';

/** What a player reads while Vault Raider's database is down (pages and JSON routes alike). */
export const DATABASE_DOWN_MESSAGE = 'Vault Raider’s database is not answering right now. Your items are safe in Destiny; try again in a minute.';
