'use client';

import { useMemo } from 'react';
import type { Device } from '@/lib/http/device';
import type { CharacterSummary } from '@/lib/inventory/types';
import { ItemBrowser, type BrowserGroup } from './item-browser';
import type { SortKey } from './sorting';
import { readHandedView } from './view-handoff';

/** What a server page hands an item browser as text (`handOffView`). */
export type HandedItems = { groups: BrowserGroup[]; characters: CharacterSummary[] };

/**
 * An item browser whose tiles come from a server page as packed JSON text (view-handoff.ts), not as
 * an RSC object React would serialise and revive value by value: a character page's sections.
 */
export function HandedItemBrowser({ initialJson, home, initialSort, device }: { initialJson: string; home: string; initialSort?: SortKey; device?: Device }) {
  const { groups, characters } = useMemo(() => readHandedView<HandedItems>(initialJson), [initialJson]);
  return <ItemBrowser groups={groups} characters={characters} home={home} initialSort={initialSort} device={device} />;
}
