import type {
  DestinyItemActionRequest, DestinyItemSetActionRequest, DestinyItemStateRequest, DestinyItemTransferRequest,
  DestinyPostmasterTransferRequest,
} from 'bungie-api-ts/destiny2';
import { http } from 'msw';
import { SimRefusal } from '../codes';
import { Bucket } from '../constants';
import type { SimCore } from '../core';
import { equipItem, equipItems, pullFromPostmaster, setLockState, transferItem } from '../world/actions';
import { profileWorld } from '../world/second-profile';
import type { SimItem, World } from '../world/world';
import { jsonBody, platform, type PlatformCall } from './platform';

/** The five item actions; each changes the world or refuses as the game would. */
export function actionHandlers(core: SimCore) {
  const action = <Body extends { membershipType: number }, Result>(name: string, run: (world: World, body: Body) => Result) =>
    http.post(`*/Platform/Destiny2/Actions/Items/${name}/`, platform(core, name, 'required', async (call: PlatformCall) => {
      const body = await jsonBody<Body>(call.request);
      // Bungie finds the profile by the body's membershipType (the token names the account).
      const world = body ? profileWorld(core.state.world, body.membershipType) : undefined;
      if (!world) throw new SimRefusal('DestinyAccountNotFound');
      // The game server allows about one item action per 0.1 s per player.
      const tick = performance.now();
      if (core.state.controls.itemActionThrottle && tick - world.lastActionAt < 100) throw new SimRefusal('DestinyThrottledByGameServer');
      world.lastActionAt = tick;
      return run(world, body) ?? 0;
    }));
  const transferable = (item: SimItem) => {
    const tables = core.state.manifest.tables;
    // A replayed item the manifest does not define has the vault (General) as its home: unknown, not refused.
    const bucket = item.homeBucketHash === Bucket.Vault ? undefined : tables.get('DestinyInventoryBucketDefinition')?.get(item.homeBucketHash) as { hasTransferDestination?: boolean } | undefined;
    const definition = tables.get('DestinyInventoryItemDefinition')?.get(item.itemHash) as { nonTransferrable?: boolean } | undefined;
    return bucket?.hasTransferDestination !== false && definition?.nonTransferrable !== true;
  };
  return [
    action<DestinyItemTransferRequest, void>('TransferItem', (world, b) => transferItem(world, b, transferable)),
    action<DestinyItemActionRequest, void>('EquipItem', equipItem),
    action<DestinyItemSetActionRequest, unknown>('EquipItems', equipItems),
    action<DestinyItemStateRequest, void>('SetLockState', setLockState),
    action<DestinyPostmasterTransferRequest, void>('PullFromPostmaster', pullFromPostmaster),
  ];
}
