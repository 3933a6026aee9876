import { describe, expect, it } from 'vitest';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { profileEtag } from '@/lib/inventory/profile-etag';
import type { ProfileAnswer } from '@/lib/bungie/types';
import { ICON_ORIGIN, simProfile } from './sim-profile';

const inputs = { userId: 'user-1', deploymentId: 'build-1', manifest: 'version-1' };

/** Bungie's envelope around a profile, as the text GetProfile answers. */
const envelope = (profile: ProfileAnswer) => JSON.stringify({ Response: profile, ErrorCode: 1, ThrottleSeconds: 0, ErrorStatus: 'Success', Message: 'Ok', MessageData: {} });

/** Sets fields of a (readonly-typed) part of a cloned answer. */
const set = (target: object, fields: Record<string, unknown>) => Object.assign(target, fields);

/** The same answer minted later, the player having played on: only the fields the tag leaves out differ. */
function playedOn(profile: ProfileAnswer): ProfileAnswer {
  const later = structuredClone(profile);
  set(later, { responseMintedTimestamp: '2026-11-25T12:07:31.000Z', secondaryComponentsMintedTimestamp: '2026-11-25T12:07:31.000Z' });
  for (const character of Object.values(later.characters?.data ?? {})) {
    set(character, { minutesPlayedThisSession: String(Number(character.minutesPlayedThisSession) + 7), minutesPlayedTotal: String(Number(character.minutesPlayedTotal) + 7) });
  }
  return later;
}

describe('profileEtag: the vault poll\'s ETag from Bungie\'s answer text', () => {
  it('is the same for an answer minted later with only play time changed, and the view built from both is the same', async () => {
    const { profile, definitions } = simProfile(VAULT_COMPONENTS);
    const first = profile();
    const later = playedOn(first);
    expect(envelope(later)).not.toBe(envelope(first));
    expect(profileEtag(inputs, envelope(later))).toBe(profileEtag(inputs, envelope(first)));
    // What the tag leaves out is what no view shows.
    const defs = await definitions(vaultNeeds(first));
    expect(buildVault(later, defs, { iconOrigin: ICON_ORIGIN })).toEqual(buildVault(first, defs, { iconOrigin: ICON_ORIGIN }));
  });

  it('changes with anything the view shows: a lock, an item moved, a character played', () => {
    const { profile } = simProfile(VAULT_COMPONENTS);
    const first = profile();
    const tag = profileEtag(inputs, envelope(first));
    const locked = structuredClone(first);
    const item = locked.profileInventory!.data!.items.find((i) => i.itemInstanceId)!;
    set(item, { state: item.state ^ 1 });
    expect(profileEtag(inputs, envelope(locked))).not.toBe(tag);
    const moved = structuredClone(first);
    moved.profileInventory!.data!.items.pop();
    expect(profileEtag(inputs, envelope(moved))).not.toBe(tag);
    const played = structuredClone(first);
    set(Object.values(played.characters!.data!)[1]!, { dateLastPlayed: '2026-11-25T12:30:00Z' });
    expect(profileEtag(inputs, envelope(played))).not.toBe(tag);
  });

  it('is never the same for another player, another deployment or another manifest version', () => {
    const text = envelope(simProfile(VAULT_COMPONENTS).profile());
    const tag = profileEtag(inputs, text);
    expect(profileEtag({ ...inputs, userId: 'user-2' }, text)).not.toBe(tag);
    expect(profileEtag({ ...inputs, deploymentId: 'build-2' }, text)).not.toBe(tag);
    expect(profileEtag({ ...inputs, manifest: 'version-2' }, text)).not.toBe(tag);
    expect(profileEtag({ ...inputs, manifest: 'version-1+backup' }, text)).not.toBe(tag);
  });
});
