/**
 * Every error the app answers with: its stable code, its HTTP status and the sentence a player
 * reads by default. Routes answer `{ error: { code, message } }` with the status given here; pages
 * show the same sentences. A throw site may pass a sentence that says more (the item's place, a
 * name), never another status. Plain data, no server-only: the problem views render it too.
 */
export const ERROR_TABLE = {
  // Who is calling
  signed_out: { status: 401, message: 'Sign in with Bungie first.' },
  session_ended: { status: 401, message: 'Your Bungie session has ended — sign in again.' },
  forbidden: { status: 403, message: 'Only an admin can do this.' },
  cross_site: { status: 403, message: 'This request came from another site and was refused.' },
  invalid_signature: { status: 401, message: 'The QStash signature is invalid.' },
  delivery_unchecked: { status: 503, message: 'Vault Raider could not check whether this QStash delivery was already handled; it should be delivered again later.' },
  rate_limited: { status: 429, message: 'Too many requests in a short time: Bungie limits how often Vault Raider may ask it for your items. Try again in a few seconds.' },

  // The request itself
  not_found: { status: 404, message: 'There is nothing here.' },
  method_not_allowed: { status: 405, message: 'This method is not supported here.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON (Content-Type: application/json).' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_body: { status: 400, message: 'The request body is not what this route expects.' },
  body_too_large: { status: 413, message: 'The request body is larger than 1 MB.' },
  malformed_action_call: { status: 400, message: 'This server action call is not well-formed.' },
  bad_auth_request: { status: 400, message: 'This sign-in request was not understood.' },
  invalid_item_id: { status: 400, message: 'An item id is a number of up to 20 digits.' },

  // The player's things
  no_destiny_account: { status: 404, message: 'This Bungie.net account has no Destiny 2 characters yet.' },
  unknown_item: { status: 404, message: 'That item is not in your inventory.' },
  unknown_character: { status: 404, message: 'That character is not yours.' },
  unknown_profile: { status: 404, message: 'Bungie.net does not list that Destiny profile for your account (anymore). Choose one of the profiles shown.' },
  item_gone: { status: 404, message: 'That item is no longer in your inventory. Refresh the page.' },
  item_moved: { status: 409, message: 'That item is somewhere else now, not where you moved it from.' },
  in_postmaster: { status: 409, message: 'That item is at the postmaster: pull it first.' },
  not_in_postmaster: { status: 409, message: 'That item is not at this character’s postmaster.' },
  same_place: { status: 400, message: 'The item is already there.' },
  not_equippable: { status: 400, message: 'Only instanced items (weapons, armour, ...) can be equipped.' },
  not_lockable: { status: 400, message: 'Only instanced items can be locked.' },
  too_many_actions: { status: 429, message: 'Too many item actions at once. Wait for them to finish, then try again.' },

  // The game refused an item action
  no_room: { status: 409, message: 'There is no room there for this item. Make room there first.' },
  exotic_conflict: { status: 409, message: 'You can equip only one exotic weapon and one exotic armour piece at a time. Unequip the other exotic first.' },
  not_in_orbit: { status: 409, message: 'That character is in an activity. Equipping works only in orbit or a social space: go to orbit and try again.' },
  item_equipped: { status: 409, message: 'That item is equipped. Equip something else in its slot first, then move it.' },
  not_movable: { status: 409, message: 'The game does not allow this item to be moved.' },
  partly_equipped: { status: 409, message: 'Some of the items were equipped; the game refused the rest.' },

  // Loadouts
  loadout_not_found: { status: 404, message: 'That loadout does not exist (it may have been deleted).' },
  too_many_loadouts: { status: 409, message: 'You have the most loadouts Vault Raider keeps. Delete one first.' },
  duplicate_name: { status: 409, message: 'You already have a loadout with that name. Choose another name.' },
  nothing_equipped: { status: 409, message: 'This character has nothing equipped that a loadout can hold.' },
  loadout_conflict: { status: 409, message: 'This set cannot be saved as a loadout: two of its items clash.' },

  // Searches
  too_many_searches: { status: 409, message: 'You have the most saved searches Vault Raider keeps. Remove one first.' },

  // Tags and notes
  too_many_annotations: { status: 409, message: 'You have tagged or noted the most items Vault Raider keeps. Clear the tags and notes of items you no longer have first.' },

  // Bungie.net
  bungie_maintenance: { status: 503, message: 'Bungie.net is down for maintenance. Try again once it is back.' },
  bungie_throttled: { status: 429, message: 'Bungie.net asked us to slow down. Try again in a few seconds.' },
  bungie_unavailable: { status: 503, message: 'Bungie.net is not answering right now. Try again in a moment.' },
  bungie_refused: { status: 502, message: 'Bungie.net refused this request. Try again in a moment.' },

  // Vault Raider's own services
  no_manifest: { status: 503, message: 'The item database is still loading. Try again in a minute.' },
  manifest_unavailable: { status: 503, message: 'Vault Raider’s item database is not answering right now. Try again in a minute.' },
  database_unavailable: { status: 503, message: 'Vault Raider’s database is not answering right now. Your items are safe in Destiny; try again in a minute.' },
  sign_in_failed: { status: 500, message: 'Signing in failed on our side. Try again in a moment.' },
  refresh_running: { status: 409, message: 'A manifest refresh is already running. Try again once it has finished.' },
  refresh_failed: { status: 500, message: 'The manifest refresh failed; see the server log and the run history.' },
  internal: { status: 500, message: 'Something went wrong on our side. Try again in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the app's error codes. */
export type AppErrorCode = keyof typeof ERROR_TABLE;

/** Every code, in the table's order. */
export const APP_ERROR_CODES = Object.keys(ERROR_TABLE) as AppErrorCode[];
