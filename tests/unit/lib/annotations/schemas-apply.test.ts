import { describe, expect, it } from 'vitest';
import { annotateSections, annotateTile } from '@/lib/annotations/apply';
import { bulkSchema, isTag, setSchema, TAG_INFO, TAGS } from '@/lib/annotations/schemas';
import type { BucketSection, ItemTile } from '@/lib/inventory/types';

const tile = (instanceId: string | undefined, over: Partial<ItemTile> = {}): ItemTile => ({
  key: instanceId ?? 'stack-0',
  hash: 1,
  instanceId,
  known: true,
  name: 'Item',
  iconUrl: null,
  tier: 'legendary',
  tierName: 'Legendary',
  typeName: 'Hand Cannon',
  power: 1800,
  damageType: null,
  locked: false,
  masterwork: false,
  quantity: 1,
  equipped: false,
  slotHash: 1,
  itemType: 3,
  classType: 3,
  location: { kind: 'vault', label: 'Vault' },
  ...over,
});

describe('the tag and note bodies', () => {
  it('takes each tag, a note, null to clear, and trims the note', () => {
    for (const tag of TAGS) expect(setSchema.parse({ tag })).toEqual({ tag });
    expect(setSchema.parse({ tag: null, notes: '  hi  ' })).toEqual({ tag: null, notes: 'hi' });
    expect(setSchema.parse({ notes: 'line one\nline two\ttab' }).notes).toBe('line one\nline two\ttab');
  });

  it('refuses what is not a tag or too long a note, with the reason', () => {
    expect(setSchema.safeParse({ tag: 'Favorite' }).error?.issues[0]?.message).toBe('a tag is one of favorite, keep, junk, infuse, archive');
    expect(setSchema.safeParse({ notes: 'x'.repeat(501) }).error?.issues[0]?.message).toBe('a note has at most 500 characters');
    expect(setSchema.safeParse({ notes: 'nul\u0000' }).success).toBe(false);
    expect(setSchema.safeParse({}).success).toBe(false);
    expect(bulkSchema.safeParse({ instanceIds: ['1'], tag: 'keep', extra: 1 }).success).toBe(false);
  });

  it('names and draws every tag', () => {
    for (const tag of TAGS) {
      expect(isTag(tag)).toBe(true);
      expect(TAG_INFO[tag].label).toMatch(/^[A-Z]/);
      expect(TAG_INFO[tag].glyph).toHaveLength(1);
    }
    expect(isTag('trash')).toBe(false);
    expect(isTag(undefined)).toBe(false);
  });
});

describe('annotateTile and annotateSections', () => {
  const lookup = new Map([
    ['1', { tag: 'junk' as const, notes: null }],
    ['2', { tag: null, notes: 'keep the roll' }],
  ]);

  it('adds a tag or a note only where there is one; stacks and untagged tiles stay the same object', () => {
    const untagged = tile('3');
    expect(annotateTile(untagged, lookup)).toBe(untagged);
    const stack = tile(undefined);
    expect(annotateTile(stack, lookup)).toBe(stack);
    const junk = annotateTile(tile('1'), lookup);
    expect(junk.tag).toBe('junk');
    expect(junk).not.toHaveProperty('notes');
    expect(annotateTile(tile('2'), lookup)).toMatchObject({ notes: 'keep the roll' });
    expect(annotateTile(tile('2'), lookup)).not.toHaveProperty('tag');
  });

  it('takes a cleared tag off a tile that had one', () => {
    const cleared = annotateTile(tile('3', { tag: 'favorite', notes: 'old' }), lookup);
    expect(cleared).not.toHaveProperty('tag');
    expect(cleared).not.toHaveProperty('notes');
  });

  it('keeps a section’s equipped tile the same as its item in the list', () => {
    const worn = tile('1', { equipped: true });
    const section: BucketSection & { equipped: ItemTile | null } = { bucketHash: 1, name: 'Kinetic Weapons', items: [worn, tile('3')], count: 2, capacity: 10, equipped: worn };
    const [annotated] = annotateSections([section], lookup);
    expect(annotated!.equipped).toBe(annotated!.items[0]);
    expect(annotated!.equipped?.tag).toBe('junk');
  });
});
