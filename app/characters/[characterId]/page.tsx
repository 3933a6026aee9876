// GET /characters/[characterId] — one of the player's characters; opened by players from the navigation.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { CharacterHeader } from '@/components/characters/character-header';
import { CharacterNav } from '@/components/characters/character-nav';
import { InventorySkeleton } from '@/components/inventory/inventory-skeleton';
import { HandedItemBrowser, type HandedItems } from '@/components/inventory/handed-item-browser';
import type { BrowserGroup } from '@/components/inventory/item-browser';
import { LoadProblem } from '@/components/inventory/load-problem';
import { ManifestNotice } from '@/components/inventory/manifest-notice';
import { handOffView } from '@/components/inventory/view-handoff';
import { FirstFlush } from '@/components/layout/first-flush';
import { LoadoutsPanel } from '@/components/loadouts/loadouts-panel';
import { FarmingMode } from '@/components/tools/farming-mode';
import { MaxPower } from '@/components/tools/max-power';
import { PostmasterSweep } from '@/components/tools/postmaster-sweep';
import { requireSession } from '@/lib/auth/session';
import { deviceOf } from '@/lib/http/device';
import { checkPlayersCharacter } from '@/lib/inventory/loaders/check-character';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadCharacter as readCharacter } from '@/lib/inventory/loaders/load-character';
import type { ItemTile } from '@/lib/inventory/types';
import { readSortChoice } from '@/lib/search-prefs/search-prefs';

/** One profile read per request, counted once against the rate limit: the title and the page share it (React's request cache). */
const loadCharacter = cache(async (userId: string, characterId: string) => (await limitPage(userId, '/characters')) ?? readCharacter(userId, characterId));

/** Tags that keep an item where it is (favourite, keep), as the tiles carry them; the sweep also reads the stored tags itself. */
const KEEP_TAGS = new Set(['favorite', 'keep']);

/** Instance ids of the character's items the player tagged to keep: the postmaster sweep never moves them. */
function keptIds(slots: { items: ItemTile[] }[]): string[] {
  return slots.flatMap((s) => s.items).filter((t) => t.instanceId && KEEP_TAGS.has((t as ItemTile & { tag?: string | null }).tag ?? '')).map((t) => t.instanceId!);
}

/** The tab says which character: "Titan · Vault Raider", not "Character". */
export async function generateMetadata({ params }: { params: Promise<{ characterId: string }> }): Promise<Metadata> {
  const { characterId } = await params;
  const session = await requireSession();
  if (session.user.needsReauth || (await checkPlayersCharacter(session.user.id, characterId)) === false) return { title: 'Character' };
  const result = await loadCharacter(session.user.id, characterId);
  return { title: result.kind === 'ok' ? result.view.character.className : 'Character' };
}

export default async function CharacterPage({ params }: { params: Promise<{ characterId: string }> }) {
  const { characterId } = await params;
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  // Before anything is sent, so a foreign id is a real HTTP 404; shared with the title (check-character.ts).
  if ((await checkPlayersCharacter(session.user.id, characterId)) === false) notFound();
  // The stored sort is read beside the profile (no added wait): the grid renders in it from the start.
  const data = Promise.all([loadCharacter(session.user.id, characterId), readSortChoice(session.user.id), headers()]);
  return (
    <FirstFlush data={data} fallback={<InventorySkeleton title="your character" />}>
      {([result, sort, requestHeaders]) => {
        if (result.kind === 'not-found') notFound();
        if (result.kind !== 'ok') return <LoadProblem problem={result} />;
        const { view } = result;
        const groups: BrowserGroup[] = [{ id: 'slots', label: 'Equipped and inventory', sections: view.slots }];
        if (view.postmaster.count > 0) groups.push({ id: 'postmaster', label: 'Postmaster', sections: [view.postmaster] });
        return (
          <div className="flex flex-col gap-4" data-manifest-version={view.manifest.versionId}>
            <CharacterNav characters={view.characters} current={view.character.characterId} />
            <CharacterHeader character={view.character}>
              <MaxPower characterId={view.character.characterId} className={view.character.className} />
            </CharacterHeader>
            <ManifestNotice unknownHashes={view.unknownHashes} fromBackup={view.manifest.fromBackup} />
            <FarmingMode characterId={view.character.characterId} className={view.character.className} />
            <PostmasterSweep characterId={view.character.characterId} count={view.postmaster.count} keep={keptIds(view.slots)} />
            <LoadoutsPanel characterId={view.character.characterId} characterClass={view.character.className} loadouts={view.loadouts} />
            <HandedItemBrowser initialJson={handOffView({ groups, characters: view.characters } satisfies HandedItems)} home={view.character.characterId} initialSort={sort} device={deviceOf(requestHeaders)} />
            {view.postmaster.count === 0 && <p className="text-sm text-vault-muted">Nothing waits at the postmaster.</p>}
          </div>
        );
      }}
    </FirstFlush>
  );
}
