import 'server-only';
import { forgetInventoryIndex, openActionSession, type ActionSession } from '@/lib/actions/action-client';
import { keptAmong } from '@/lib/annotations/annotations';
import { POSTMASTER_BUCKET, type IndexedItem } from '@/lib/actions/inventory-index';
import { step, toVault } from '@/lib/actions/item-actions';
import { queueForPlayer } from '@/lib/actions/player-queue';
import { ActionRefusedError } from '@/lib/actions/refusals';
import { AppError, describeError } from '@/lib/http/errors';
import { loadItemFacts, type ItemFacts } from '@/lib/loadouts/item-facts';
import { LOADOUT_BUCKETS } from '@/lib/loadouts/slots';
import { RoomMaker } from './least-valuable';
import type { SweepLine, SweepReport } from './types';

/**
 * "Collect all" for one character's postmaster: every item is pulled in turn (one
 * PullFromPostmaster each, at the player's pace, in their action queue). When the game answers
 * that the item's slot is full, the sweep makes room ONLY by sending the least valuable item of
 * that slot on the character to the vault — never a locked, equipped or kept item (tagged favourite
 * or keep in the player's stored tags, read the first time a slot is full, or named in `keep` by the
 * page), nor one this sweep just pulled — and pulls again. The answer is a line per
 * item. Bungie-wide trouble (maintenance, throttling) before anything moved is the route's error;
 * after, the remaining items are reported as not tried.
 */
export async function sweepPostmaster(userId: string, characterId: string, keep: readonly string[] = []): Promise<SweepReport> {
  return queueForPlayer(userId, async (paced) => {
    const s = await openActionSession(userId, paced, { fresh: true });
    try {
      return await new Sweep(s, userId, characterId, new Set(keep)).run();
    } finally {
      // Items moved (and the index cached them in place): the next action reads the profile again.
      forgetInventoryIndex(userId);
    }
  });
}

class Sweep {
  private readonly lines: SweepLine[] = [];
  private readonly pulled = new Set<IndexedItem>();
  private stopped: string | undefined;
  private changed = false;
  private facts: (hash: number) => ItemFacts = () => ({ name: 'an item', iconUrl: null, tier: 'unknown', uniqueLabel: '', classType: 3, bucketHash: undefined, transferable: true });
  private readonly rooms: RoomMaker;
  /** The character's items tagged favourite or keep in the store: read once, when a slot is first full (no query otherwise). */
  private stored: Promise<Set<string>> | undefined;

  constructor(
    private readonly s: ActionSession,
    private readonly userId: string,
    private readonly characterId: string,
    private readonly keep: ReadonlySet<string>,
  ) {
    if (!s.index.hasCharacter(characterId)) throw new AppError('unknown_character');
    this.rooms = new RoomMaker(s, (hash) => this.facts(hash));
  }

  private get where(): string {
    return this.s.index.placeName(this.characterId);
  }

  async run(): Promise<SweepReport> {
    const waiting = this.s.index.items.filter((i) => i.owner === this.characterId && i.bucketHash === POSTMASTER_BUCKET);
    this.facts = await loadItemFacts([...new Set(this.s.index.items.map((i) => i.itemHash))]);
    for (const item of waiting) await this.collect(item);
    const collected = this.lines.filter((l) => l.status !== 'left').length;
    const total = waiting.length;
    const summary =
      total === 0
        ? `Nothing waits at ${this.where}'s postmaster.`
        : `${collected} of ${total} ${total === 1 ? 'item' : 'items'} collected from ${this.where}'s postmaster.`;
    return { ok: true, characterId: this.characterId, collected, total, summary, items: this.lines };
  }

  private storedKeeps(): Promise<Set<string>> {
    const mine = this.s.index.items.filter((i) => i.owner === this.characterId && i.itemId !== '0').map((i) => i.itemId);
    return (this.stored ??= keptAmong(this.userId, mine));
  }

  private line(item: IndexedItem, status: SweepLine['status'], message: string, madeRoom?: IndexedItem): void {
    const { name, iconUrl } = this.facts(item.itemHash);
    const room = madeRoom ? { itemId: madeRoom.itemId, itemHash: madeRoom.itemHash, name: this.facts(madeRoom.itemHash).name } : undefined;
    this.lines.push({ itemId: item.itemId, itemHash: item.itemHash, name, iconUrl, quantity: item.quantity, status, message, ...(room ? { madeRoom: room } : {}) });
  }

  private async pull(item: IndexedItem): Promise<void> {
    await step(this.s, { kind: 'pull', item, to: this.characterId }, 'PullFromPostmaster', { itemReferenceHash: item.itemHash, stackSize: item.quantity, itemId: item.itemId, characterId: this.characterId });
    item.bucketHash = this.facts(item.itemHash).bucketHash ?? 0;
    this.pulled.add(item);
    this.changed = true;
  }

  private async collect(item: IndexedItem): Promise<void> {
    if (this.stopped) return this.line(item, 'left', `Not tried: ${this.stopped}`);
    try {
      await this.pull(item);
      return this.line(item, 'collected', `Collected onto ${this.where}.`);
    } catch (error) {
      if (!(error instanceof ActionRefusedError) || error.code !== 'no_room') return this.failed(item, error, '');
    }
    const slot = this.facts(item.itemHash).bucketHash;
    const slotName = (slot !== undefined && LOADOUT_BUCKETS.get(slot)) || 'slot';
    // Never a kept item (the store's tags are the truth: the page's list may predate a tag set on another device), nor one this sweep just pulled.
    const stored = await this.storedKeeps();
    const spare = slot === undefined ? undefined : await this.rooms.leastValuable(this.characterId, slot, (i) => this.keep.has(i.itemId) || stored.has(i.itemId) || this.pulled.has(i));
    if (!spare) {
      return this.line(item, 'left', `The ${slotName} of ${this.where} are full, and every item there is locked, equipped or kept: make room yourself, then collect it.`);
    }
    const spareName = this.facts(spare.itemHash).name;
    try {
      await toVault(this.s, spare, 1);
      this.changed = true;
    } catch (error) {
      return this.failed(item, error, `The ${slotName} of ${this.where} are full, and moving ${spareName} to the vault to make room failed: `);
    }
    try {
      await this.pull(item);
      this.line(item, 'collected_made_room', `Collected onto ${this.where} after moving ${spareName} (the least valuable unlocked item there) to the vault to make room.`, spare);
    } catch (error) {
      this.failed(item, error, `${spareName} went to the vault to make room, but the pull still failed: `);
    }
  }

  /** A refusal is this item's line; Bungie-wide trouble stops the rest, or fails the whole sweep if nothing changed yet. */
  private failed(item: IndexedItem, error: unknown, prefix: string): void {
    if (!(error instanceof ActionRefusedError)) {
      if (!this.changed) throw error;
      this.stopped ??= describeError(error).body.error.message;
    }
    this.line(item, 'left', `${prefix}${describeError(error).body.error.message}`);
  }
}
