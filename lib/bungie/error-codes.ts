import type { PlatformErrorCodes } from 'bungie-api-ts/core';

// bungie-api-ts declares PlatformErrorCodes as an ambient `const enum`, which `isolatedModules`
// cannot read at run time. This one table repeats the codes the app and the Bungie simulator use;
// `satisfies` checks every number against the enum, so a drift from Bungie's spec fails `tsc`.
type CodeTable = Partial<{ [K in keyof typeof PlatformErrorCodes]: (typeof PlatformErrorCodes)[K] }>;

/**
 * The `PlatformErrorCodes` the app acts on and the simulator answers with, as runtime values.
 * The simulator (`dev/bungie-sim/codes.ts`) reads this same table; lib never imports dev.
 */
export const ErrorCode = {
  Success: 1,
  UnhandledException: 3,
  SystemDisabled: 5,
  ParameterParseFailure: 7,
  InvalidParameters: 18,
  ThrottleLimitExceeded: 31,
  ThrottleLimitExceededMinutes: 35,
  ThrottleLimitExceededMomentarily: 36,
  ThrottleLimitExceededSeconds: 37,
  PerEndpointRequestThrottleExceeded: 51,
  PerApplicationThrottleExceeded: 54,
  PerApplicationAnonymousThrottleExceeded: 55,
  PerApplicationAuthenticatedThrottleExceeded: 56,
  PerUserThrottleExceeded: 57,
  WebAuthRequired: 99,
  DestinyAccountNotFound: 1601,
  DestinyCharacterNotFound: 1620,
  DestinyItemNotFound: 1623,
  DestinyVendorNotFound: 1627,
  DestinyCharacterNotInTower: 1634,
  DestinyItemUniqueEquipRestricted: 1641,
  DestinyNoRoomInDestination: 1642,
  DestinyCannotPerformActionOnEquippedItem: 1656,
  DestinyItemNotTransferrable: 1660,
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

/** Name of a code in `ErrorCode`, e.g. "DestinyItemNotFound" (Bungie's `ErrorStatus`). */
export type ErrorCodeName = keyof typeof ErrorCode;

/** Codes that mean "slow down": honour `ThrottleSeconds`, then try again. */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([
  ErrorCode.ThrottleLimitExceeded,
  ErrorCode.ThrottleLimitExceededMinutes,
  ErrorCode.ThrottleLimitExceededMomentarily,
  ErrorCode.ThrottleLimitExceededSeconds,
  ErrorCode.PerEndpointRequestThrottleExceeded,
  ErrorCode.PerApplicationThrottleExceeded,
  ErrorCode.PerApplicationAnonymousThrottleExceeded,
  ErrorCode.PerApplicationAuthenticatedThrottleExceeded,
  ErrorCode.PerUserThrottleExceeded,
  ErrorCode.DestinyThrottledByGameServer,
]);
