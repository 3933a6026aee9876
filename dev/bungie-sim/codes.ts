import type { ServerResponse } from 'bungie-api-ts/destiny2';
import { ErrorCode, type ErrorCodeName } from '../../lib/bungie/error-codes';

/** The Bungie platform error codes the simulator can answer with: the app's one table. */
export const Codes = ErrorCode;

/** Name of a code in `Codes`, e.g. "DestinyItemNotFound". */
export type CodeName = ErrorCodeName;

const messages: Partial<Record<CodeName, string>> = {
  Success: 'Ok',
  SystemDisabled: 'This system is temporarily disabled for maintenance.',
  WebAuthRequired: 'Please sign-in to continue.',
  DestinyItemNotFound: 'The item requested was not found.',
  DestinyNoRoomInDestination: 'There are no item slots available to transfer this item.',
  DestinyItemUniqueEquipRestricted: 'You can only equip one exotic item of this type at a time.',
  DestinyCannotPerformActionOnEquippedItem: 'You cannot perform this action on an equipped item.',
  DestinyCannotPerformActionAtThisLocation: 'You cannot perform this action at your current location.',
  AccessTokenHasExpired: 'Access token has expired, please refresh.',
};

/** Builds Bungie's envelope; error answers carry no `Response`, as Bungie's do. */
export function envelope<T>(code: CodeName, response?: T, throttleSeconds = 0): ServerResponse<T> {
  const body = {
    ErrorCode: Codes[code],
    ThrottleSeconds: throttleSeconds,
    ErrorStatus: code,
    Message: messages[code] ?? code.replace(/([a-z])([A-Z])/g, '$1 $2'),
    MessageData: {},
  };
  // Bungie omits Response on errors; the type still says T, so tests must check ErrorCode first.
  return (response === undefined ? body : { Response: response, ...body }) as ServerResponse<T>;
}

/** A refusal thrown inside the world model and turned into an envelope by the handlers. */
export class SimRefusal extends Error {
  override name = 'SimRefusal';
  constructor(
    /** The platform error code Bungie would answer with. */
    readonly code: CodeName,
    /** HTTP status Bungie uses for it (200 for game refusals). */
    readonly status = 200,
  ) {
    super(code);
  }
}
