import 'server-only';
import type { ActionSession } from '@/lib/actions/action-client';
import type { IndexedItem } from '@/lib/actions/inventory-index';
import { tierRank } from '@/lib/inventory/build/tiles';
import { fetchProfile } from '@/lib/inventory/fetch-profile';
import type { ItemFacts } from '@/lib/loadouts/item-facts';

/**
 * The make-room choice the tools share (postmaster sweep, farming mode): of the items of `slot`
 * on `characterId`, the one worth least — lowest rarity, then lowest power — that may leave:
 * unlocked, unequipped, instanced, and not in `keep` (tagged favourite or keep, or otherwise held
 * back by the caller). Undefined when none may.
 */
export class RoomMaker {
  /** Power by instance id, read once (one GetProfile, component 300) the first time a slot is full. */
  private power: Map<string, number> | undefined;

  constructor(
    private readonly s: ActionSession,
    private readonly facts: (hash: number) => ItemFacts,
  ) {}

  async leastValuable(characterId: string, slot: number, keep: (item: IndexedItem) => boolean): Promise<IndexedItem | undefined> {
    const movable = this.s.index.items.filter(
      (i) => i.owner === characterId && i.bucketHash === slot && !i.equipped && !i.locked && i.itemId !== '0' && !keep(i),
    );
    if (movable.length === 0) return undefined;
    const power = await this.powers();
    const value = (i: IndexedItem) => [tierRank(this.facts(i.itemHash).tier), power.get(i.itemId) ?? 0] as const;
    return [...movable].sort((a, b) => {
      const [ta, pa] = value(a);
      const [tb, pb] = value(b);
      return ta - tb || pa - pb || a.itemId.localeCompare(b.itemId);
    })[0];
  }

  private async powers(): Promise<Map<string, number>> {
    if (this.power) return this.power;
    const profile = await fetchProfile(this.s.userId, this.s.membership, [300]);
    this.power = new Map(Object.entries(profile.itemComponents?.instances?.data ?? {}).map(([id, i]) => [id, i.primaryStat?.value ?? 0]));
    return this.power;
  }
}
