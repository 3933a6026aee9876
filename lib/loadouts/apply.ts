import 'server-only';
import { forgetInventoryIndex, openActionSession, type ActionSession } from '@/lib/actions/action-client';
import { POSTMASTER_BUCKET, type IndexedItem } from '@/lib/actions/inventory-index';
import { step, toCharacter, toVault } from '@/lib/actions/item-actions';
import { queueForPlayer } from '@/lib/actions/player-queue';
import { ActionRefusedError, explainRefusal } from '@/lib/actions/refusals';
import type { DestinyEquipItemResults } from 'bungie-api-ts/destiny2';
import { BungieError } from '@/lib/bungie/errors';
import { itemActionPath } from '@/lib/bungie/item-actions';
import { AppError, describeError } from '@/lib/http/errors';
import { loadItemFacts, type ItemFacts } from './item-facts';
import { findLoadout, type LoadoutRecord } from './loadouts';
import type { StoredItem } from './schemas';
import { findConflicts } from './slots';
import type { ApplyItemResult, ApplyReport, ApplyStatus } from './types';

const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];
const SUCCESS = 1;

/**
 * An item on the target character, waiting for the one EquipItems call; `from` is where it came
 * from (null: it was there), `standIn` what its old character wears in its place now.
 */
type Pending = { stored: StoredItem; item: IndexedItem; from: string | null; standIn?: string };

/**
 * Puts a saved loadout on one of the player's characters: ONE profile read, then each item is
 * brought to the character (from the vault: one transfer; from another character: two, through
 * the vault), then ONE EquipItems call for everything that arrived. Runs in the player's action
 * queue, so nothing else of theirs interleaves. Answers a report line per item; refusals are
 * lines, not errors. Throws (a 4xx/5xx for the route) only when the loadout or character is not
 * the player's, or when Bungie fails before anything changed.
 */
export async function applyLoadout(userId: string, loadoutId: string, characterId: string): Promise<ApplyReport> {
  return applyItemSet(userId, await findLoadout(userId, loadoutId), characterId);
}

/**
 * The same engine and report for a set of items that is not stored (the max-power set, lib/tools):
 * `loadout.id` is echoed as the report's `loadoutId`.
 */
export async function applyItemSet(userId: string, loadout: LoadoutRecord, characterId: string): Promise<ApplyReport> {
  const facts = await loadItemFacts(loadout.items.map((i) => i.itemHash));
  return queueForPlayer(userId, async (turn) => {
    const session = await openActionSession(userId, turn, { fresh: true });
    try {
      return await new Application(session, loadout, characterId, facts).run();
    } finally {
      // Equipping displaced other items: the next action must read the profile again.
      forgetInventoryIndex(userId);
    }
  });
}

class Application {
  private readonly lines = new Map<string, ApplyItemResult>();
  private readonly pending: Pending[] = [];
  /** Set when Bungie itself failed (maintenance, throttling, session): later items are not tried. */
  private stopped: string | undefined;
  private changed = false;
  private readonly className: string;

  constructor(
    private readonly s: ActionSession,
    private readonly loadout: LoadoutRecord,
    private readonly characterId: string,
    private readonly facts: (hash: number) => ItemFacts,
  ) {
    if (!s.index.hasCharacter(characterId)) throw new AppError('unknown_character');
    this.className = s.index.characters.get(characterId) ?? 'Guardian';
  }

  async run(): Promise<ApplyReport> {
    const items = this.loadout.items;
    // Judged by today's manifest (slots and exotic groups), falling back to the slot saved with the item.
    const conflicts = findConflicts(items.map((i) => ({ itemId: i.itemId, bucketHash: this.facts(i.itemHash).bucketHash ?? i.bucketHash, uniqueLabel: this.facts(i.itemHash).uniqueLabel })));
    for (const stored of items) {
      const conflict = conflicts.get(stored.itemId);
      if (conflict) this.line(stored, 'conflict', conflict);
      else await this.bring(stored);
    }
    await this.equipAll();
    const results = items.map((i) => this.lines.get(i.itemId)!);
    const equipped = results.filter((r) => r.status === 'equipped' || r.status === 'moved_equipped').length;
    const where = `your ${this.className}`;
    const summary =
      items.length === 0 ? 'This loadout holds no items.' : equipped === items.length ? `All ${items.length} items equipped on ${where}.` : `${equipped} of ${items.length} items equipped on ${where}.`;
    return { ok: true, loadoutId: this.loadout.id, characterId: this.characterId, equipped, total: items.length, summary, items: results };
  }

  private line(stored: StoredItem, status: ApplyStatus, message: string, unchanged = false): void {
    const { name, iconUrl } = this.facts(stored.itemHash);
    this.lines.set(stored.itemId, { itemId: stored.itemId, itemHash: stored.itemHash, name, iconUrl, status, unchanged, message });
  }

  /** Brings one item to the character, or writes the line that says why not. */
  private async bring(stored: StoredItem): Promise<void> {
    const index = this.s.index;
    const item = index.find(stored.itemId, stored.itemHash);
    if (!item || item.owner === 'profile') return this.line(stored, 'missing', 'It is no longer in your inventory.');
    if (this.stopped) return this.line(stored, 'move_failed', this.stopped);
    const usableBy = this.facts(stored.itemHash).classType;
    if (usableBy !== 3 && CLASS_NAMES[usableBy] !== this.className) {
      return this.line(stored, 'equip_failed', `Only a ${CLASS_NAMES[usableBy] ?? 'different class'} can equip it, so it was left where it is.`);
    }
    if (item.bucketHash === POSTMASTER_BUCKET) return this.line(stored, 'move_failed', `It is at ${index.placeName(item.owner)}'s postmaster: pull it first.`);
    if (item.owner === this.characterId) {
      if (item.equipped) return this.line(stored, 'equipped', 'Already equipped.', true);
      this.pending.push({ stored, item, from: null });
      return;
    }
    if (!this.facts(stored.itemHash).transferable) {
      return this.line(stored, 'move_failed', `The game does not let it leave ${index.placeName(item.owner)}, so it was left where it is.`);
    }
    const from = item.owner;
    let standIn: string | undefined;
    try {
      if (item.equipped) standIn = await this.unequipElsewhere(item);
      if (from !== 'vault') await toVault(this.s, item, 1);
      this.changed ||= from !== 'vault';
      await this.toHere(item, from);
      this.changed = true;
      this.pending.push({ stored, item, from, standIn });
    } catch (error) {
      this.failed(stored, 'move_failed', error, '');
    }
  }

  /**
   * Frees an item equipped on another character, as a player would: that character equips another
   * item of the slot from its own inventory (one EquipItem; a non-exotic when there is one, never
   * an item of this loadout). Answers the stand-in's name.
   */
  private async unequipElsewhere(item: IndexedItem): Promise<string> {
    const where = this.s.index.placeName(item.owner);
    const wanted = new Set(this.loadout.items.map((i) => i.itemId));
    const candidates = this.s.index.items.filter((i) => i.owner === item.owner && !i.equipped && i.bucketHash === item.bucketHash && i.itemId !== '0' && !wanted.has(i.itemId));
    if (candidates.length === 0) throw new ActionRefusedError('item_equipped', `It is equipped on ${where}, which has nothing else for that slot to wear instead.`);
    const facts = await loadItemFacts(candidates.map((i) => i.itemHash));
    const standIn = candidates.find((i) => facts(i.itemHash).uniqueLabel === '') ?? candidates[0]!;
    try {
      await step(this.s, { kind: 'equip', item: standIn, to: item.owner }, 'EquipItem', { itemId: standIn.itemId, characterId: item.owner });
    } catch (error) {
      if (!(error instanceof ActionRefusedError)) throw error;
      throw new ActionRefusedError(error.code, `It is equipped on ${where}, and the game refused to equip something else there: ${error.message}`);
    }
    this.changed = true;
    standIn.equipped = true;
    item.equipped = false;
    return facts(standIn.itemHash).name;
  }

  private async toHere(item: IndexedItem, from: string): Promise<void> {
    try {
      await toCharacter(this.s, item, this.characterId, 1);
    } catch (error) {
      if (from === 'vault' || !(error instanceof AppError)) throw error;
      // The first step worked: say where the item is now, as the transfer route does.
      throw new ActionRefusedError(error.code, `Moved to your vault, but not on to your ${this.className}: ${error.message}`);
    }
  }

  /** A refusal is this item's line; Bungie-wide trouble stops the rest, or fails the whole apply if nothing changed yet. */
  private failed(stored: StoredItem, status: ApplyStatus, error: unknown, prefix: string): void {
    if (!(error instanceof ActionRefusedError)) {
      if (!this.changed) throw error;
      this.stopped ??= describeError(error).body.error.message;
    }
    this.line(stored, status, `${prefix}${describeError(error).body.error.message}`);
  }

  /** ONE EquipItems call for every item now on the character; exotics last, after what they replace. */
  private async equipAll(): Promise<void> {
    if (this.pending.length === 0) return;
    const moved = (p: Pending) => (p.from === null ? '' : `Moved to your ${this.className}, but not equipped: `);
    if (this.stopped) {
      for (const p of this.pending) this.line(p.stored, 'equip_failed', `${moved(p)}${this.stopped}`);
      return;
    }
    // The game checks exotics against what is equipped at that moment: the loadout's other items go first.
    const ordered = [...this.pending].sort((a, b) => Number(this.isUnique(a)) - Number(this.isUnique(b)));
    let answer: DestinyEquipItemResults;
    try {
      answer = await step(this.s, { kind: 'equip', item: ordered[0]!.item, to: this.characterId }, 'EquipItems', { itemIds: ordered.map((p) => p.item.itemId), characterId: this.characterId });
    } catch (error) {
      for (const p of ordered) this.failed(p.stored, 'equip_failed', error, moved(p));
      return;
    }
    const statuses = new Map(answer.equipResults.map((r) => [String(r.itemInstanceId), r.equipStatus]));
    for (const p of ordered) {
      const code = statuses.get(p.item.itemId);
      if (code === SUCCESS) {
        const wears = p.standIn ? ` (which wears ${p.standIn} instead now)` : '';
        const whence = p.from === null ? '' : `Moved from ${this.s.index.placeName(p.from)}${wears} and equipped.`;
        this.line(p.stored, p.from === null ? 'equipped' : 'moved_equipped', whence || 'Equipped.');
      } else {
        this.line(p.stored, 'equip_failed', `${moved(p)}${await this.equipRefusal(p.item, code)}`);
      }
    }
  }

  private isUnique(p: Pending): boolean {
    return this.facts(p.stored.itemHash).uniqueLabel !== '';
  }

  /** EquipItems' per-item `equipStatus`, in the same words as a refused single action. */
  private async equipRefusal(item: IndexedItem, code: number | undefined): Promise<string> {
    if (code === undefined) return 'The game did not equip it and did not say why.';
    const error = new BungieError(code, 'EquipItems', itemActionPath('EquipItems'), 200, 0, `equipStatus ${code}`);
    const explained = await explainRefusal(error, { kind: 'equip', item, to: this.characterId }, this.s.index, async () => new Map());
    return explained instanceof AppError ? explained.message : `The game refused to equip it (error ${code}).`;
  }
}
