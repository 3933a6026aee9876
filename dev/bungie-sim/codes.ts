import type { PlatformErrorCodes, ServerResponse } from 'bungie-api-ts/destiny2';

// bungie-api-ts declares PlatformErrorCodes as an ambient const enum, which isolatedModules
// forbids reading as a value. This table repeats the codes the simulator uses; `satisfies`
// checks every number against the enum, so a drift fails `tsc`.
type CodeTable = Partial<{ [K in keyof typeof PlatformErrorCodes]: (typeof PlatformErrorCodes)[K] }>;

/** The Bungie platform error codes the simulator can answer with. */
export const Codes = {
  Success: 1,
  UnhandledException: 3,
  SystemDisabled: 5,
  ParameterParseFailure: 7,
  InvalidParameters: 18,
  ThrottleLimitExceeded: 31,
  ThrottleLimitExceededMinutes: 35,
  ThrottleLimitExceededMomentarily: 36,
  ThrottleLimitExceededSeconds: 37,
  PerApplicationThrottleExceeded: 54,
  PerApplicationAnonymousThrottleExceeded: 55,
  PerApplicationAuthenticatedThrottleExceeded: 56,
  WebAuthRequired: 99,
  DestinyAccountNotFound: 1601,
  DestinyCharacterNotFound: 1620,
  DestinyItemNotFound: 1623,
  DestinyVendorNotFound: 1627,
  DestinyCharacterNotInTower: 1634,
  DestinyItemUniqueEquipRestricted: 1641,
  DestinyNoRoomInDestination: 1642,
  DestinyCannotPerformActionOnEquippedItem: 1656,
  DestinyItemActionForbidden: 1663,
  DestinyCannotPerformActionAtThisLocation: 1671,
  DestinyThrottledByGameServer: 1672,
  ApiInvalidOrExpiredKey: 2101,
  ApiKeyMissingFromRequest: 2102,
  AuthorizationCodeInvalid: 2106,
  RefreshTokenNotYetValid: 2110,
  AccessTokenHasExpired: 2111,
  ProvidedTokenNotValidRefreshToken: 2117,
  AuthorizationCodeStale: 2122,
  AuthorizationRecordExpired: 2123,
  AuthorizationRecordRevoked: 2124,
} as const satisfies CodeTable;

/** Name of a code in `Codes`, e.g. "DestinyItemNotFound". */
export type CodeName = keyof typeof Codes;

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
