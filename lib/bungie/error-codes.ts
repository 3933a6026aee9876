import type { PlatformErrorCodes } from 'bungie-api-ts/core';

/**
 * The `PlatformErrorCodes` this app acts on, as runtime values. bungie-api-ts declares them as an
 * ambient `const enum`, which `isolatedModules` cannot read at run time; `satisfies` against the
 * enum member types keeps these numbers in step with Bungie's spec.
 */
export const ErrorCode = {
  Success: 1 satisfies PlatformErrorCodes.Success,
  UnhandledException: 3 satisfies PlatformErrorCodes.UnhandledException,
  SystemDisabled: 5 satisfies PlatformErrorCodes.SystemDisabled,
  ThrottleLimitExceeded: 31 satisfies PlatformErrorCodes.ThrottleLimitExceeded,
  ThrottleLimitExceededMinutes: 35 satisfies PlatformErrorCodes.ThrottleLimitExceededMinutes,
  ThrottleLimitExceededMomentarily: 36 satisfies PlatformErrorCodes.ThrottleLimitExceededMomentarily,
  ThrottleLimitExceededSeconds: 37 satisfies PlatformErrorCodes.ThrottleLimitExceededSeconds,
  PerEndpointRequestThrottleExceeded: 51 satisfies PlatformErrorCodes.PerEndpointRequestThrottleExceeded,
  PerApplicationThrottleExceeded: 54 satisfies PlatformErrorCodes.PerApplicationThrottleExceeded,
  PerApplicationAnonymousThrottleExceeded: 55 satisfies PlatformErrorCodes.PerApplicationAnonymousThrottleExceeded,
  PerApplicationAuthenticatedThrottleExceeded: 56 satisfies PlatformErrorCodes.PerApplicationAuthenticatedThrottleExceeded,
  PerUserThrottleExceeded: 57 satisfies PlatformErrorCodes.PerUserThrottleExceeded,
  WebAuthRequired: 99 satisfies PlatformErrorCodes.WebAuthRequired,
  DestinyItemNotFound: 1623 satisfies PlatformErrorCodes.DestinyItemNotFound,
  DestinyItemUniqueEquipRestricted: 1641 satisfies PlatformErrorCodes.DestinyItemUniqueEquipRestricted,
  DestinyNoRoomInDestination: 1642 satisfies PlatformErrorCodes.DestinyNoRoomInDestination,
  DestinyCannotPerformActionOnEquippedItem: 1656 satisfies PlatformErrorCodes.DestinyCannotPerformActionOnEquippedItem,
  DestinyCannotPerformActionAtThisLocation: 1671 satisfies PlatformErrorCodes.DestinyCannotPerformActionAtThisLocation,
  DestinyThrottledByGameServer: 1672 satisfies PlatformErrorCodes.DestinyThrottledByGameServer,
  ApiInvalidOrExpiredKey: 2101 satisfies PlatformErrorCodes.ApiInvalidOrExpiredKey,
  ApiKeyMissingFromRequest: 2102 satisfies PlatformErrorCodes.ApiKeyMissingFromRequest,
  AccessTokenHasExpired: 2111 satisfies PlatformErrorCodes.AccessTokenHasExpired,
} as const;

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
