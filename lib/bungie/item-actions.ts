import 'server-only';
import type {
  DestinyEquipItemResults,
  DestinyItemActionRequest,
  DestinyItemSetActionRequest,
  DestinyItemStateRequest,
  DestinyItemTransferRequest,
  DestinyPostmasterTransferRequest,
} from 'bungie-api-ts/destiny2';
import { bungieFetch } from './http';

/** The body each item action (POST `Destiny2/Actions/Items/{action}/`) takes. */
export type ItemActionBodies = {
  TransferItem: DestinyItemTransferRequest;
  EquipItem: DestinyItemActionRequest;
  EquipItems: DestinyItemSetActionRequest;
  SetLockState: DestinyItemStateRequest;
  PullFromPostmaster: DestinyPostmasterTransferRequest;
};

/** What each item action answers inside the envelope (an int32 0 for the single ones). */
export type ItemActionAnswers = {
  TransferItem: number;
  EquipItem: number;
  EquipItems: DestinyEquipItemResults;
  SetLockState: number;
  PullFromPostmaster: number;
};

/** An item action's name, as in its path. */
export type ItemAction = keyof ItemActionBodies;

/** An item action's body without `membershipType`, which the action session adds. */
export type ItemActionInput<A extends ItemAction> = Omit<ItemActionBodies[A], 'membershipType'>;

// Bungie answers an action with its envelope; a refusal (no room, equipped, not in orbit, …) is a
// `BungieError`, no answer a `BungieUnavailableError`.
function post<A extends ItemAction>(action: A) {
  return (accessToken: string, body: ItemActionBodies[A]) => bungieFetch<ItemActionAnswers[A]>({ path: itemActionPath(action), method: 'POST', body, accessToken });
}

/** An item action's platform path, e.g. `/Destiny2/Actions/Items/EquipItems/` (also names it in errors). */
export function itemActionPath(action: ItemAction): string {
  return `/Destiny2/Actions/Items/${action}/`;
}

/** TransferItem: between a character and the vault (never character to character). */
export const transferItem = post('TransferItem');
/** EquipItem: one item on its character (in orbit or a social space only). */
export const equipItem = post('EquipItem');
/** EquipItems: several items at once; the answer has each item's `equipStatus`. */
export const equipItems = post('EquipItems');
/** SetLockState: locks or unlocks an instanced item. */
export const setLockState = post('SetLockState');
/** PullFromPostmaster: an item from a character's postmaster to that character. */
export const pullFromPostmaster = post('PullFromPostmaster');

/** Every item action by name, each typed by its body and answer (the action session dispatches here). */
export const ITEM_ACTIONS: { [A in ItemAction]: (accessToken: string, body: ItemActionBodies[A]) => Promise<ItemActionAnswers[A]> } = {
  TransferItem: transferItem,
  EquipItem: equipItem,
  EquipItems: equipItems,
  SetLockState: setLockState,
  PullFromPostmaster: pullFromPostmaster,
};
