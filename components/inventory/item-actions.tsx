'use client';

import { useState } from 'react';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';
import { postItemAction, type ActionOutcome, type ItemPlace, type SuggestedMove } from './item-action-client';
import { applyAction, canEquipOn, equipItem, expectedPlace, itemIdOf, makeSuggestedMove, moveItem, ownerOf, type ActionChange } from './item-moves';

export type { ActionChange };

type Props = {
  tile: ItemTile;
  characters: CharacterSummary[];
  /** Called at once with the expected place (optimistic), and again with the real one or `null` to roll back. */
  onChange: (change: ActionChange) => void;
};

const button = 'min-h-11 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50';

/** The item's actions: move to a character or the vault, equip, lock, pull — each explained if refused. */
export function ItemActions({ tile, characters, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; suggestion?: SuggestedMove } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const from = ownerOf(tile);
  const itemId = itemIdOf(tile);

  async function track(label: string, action: () => Promise<ActionOutcome>) {
    setBusy(true);
    setProblem(null);
    setDone(null);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) setDone(label);
    else setProblem({ message: outcome.message, suggestion: outcome.suggestion });
  }
  const run = (label: string, expected: ItemPlace, request: () => Promise<ActionOutcome>) => track(label, () => applyAction(tile, expected, request, onChange));

  const place = (to: string, equipped = false): ItemPlace => expectedPlace(tile, to, equipped);
  const moveTo = (to: string, name: string) => track(`Moved to ${name}.`, () => moveItem(tile, to, onChange));
  const equipOn = (c: CharacterSummary) => track(`Equipped on your ${c.className}.`, () => equipItem(tile, c.characterId, onChange));
  // An item equipped on one character cannot go to another (the game refuses): no button for it.
  const canUse = (c: CharacterSummary) => canEquipOn(tile, c.className) && !(tile.equipped && from !== c.characterId);

  if (tile.location.kind === 'postmaster' && tile.location.characterId) {
    const characterId = tile.location.characterId;
    return (
      <Panel busy={busy} problem={problem} done={done} onSuggested={undefined}>
        <button type="button" className={button} disabled={busy} onClick={() => run('Pulled from the postmaster.', place(characterId), () => postItemAction('pull', { itemId, itemHash: tile.hash, characterId }))}>
          Pull from postmaster
        </button>
      </Panel>
    );
  }
  const suggestion = problem?.suggestion;
  const suggested = suggestion
    ? () => {
        setBusy(true);
        void makeSuggestedMove(suggestion, onChange).then((o) => {
          setBusy(false);
          if (!o.ok) return setProblem({ message: o.message });
          setProblem(null);
          setDone('Made room. Try again.');
        });
      }
    : undefined;
  return (
    <Panel busy={busy} problem={problem} done={done} onSuggested={suggested} note={tile.equipped ? 'Equipped items stay on their character: equip another item in this slot to move this one.' : undefined}>
      {from !== 'vault' && from !== 'profile' && (
        <button type="button" className={button} disabled={busy || tile.equipped} onClick={() => moveTo('vault', 'your vault')}>
          Move to vault
        </button>
      )}
      {from !== 'profile' &&
        characters
          .filter((c) => c.characterId !== from)
          .map((c) => (
            <button key={`move-${c.characterId}`} type="button" className={button} disabled={busy || tile.equipped} onClick={() => moveTo(c.characterId, `your ${c.className}`)}>
              Move to {c.className}
            </button>
          ))}
      {tile.instanceId &&
        tile.itemType !== 0 &&
        characters.filter(canUse).map((c) => (
          <button key={`equip-${c.characterId}`} type="button" className={button} disabled={busy || (tile.equipped && from === c.characterId)} onClick={() => equipOn(c)}>
            Equip on {c.className}
          </button>
        ))}
      {tile.instanceId && (
        <button type="button" className={button} disabled={busy} onClick={() => run(tile.locked ? 'Unlocked.' : 'Locked.', { ...place(from, tile.equipped), locked: !tile.locked }, () => postItemAction('lock', { itemId, itemHash: tile.hash, locked: !tile.locked }))}>
          {tile.locked ? 'Unlock' : 'Lock'}
        </button>
      )}
    </Panel>
  );
}

function Panel({ busy, problem, done, onSuggested, note, children }: { busy: boolean; problem: { message: string; suggestion?: SuggestedMove } | null; done: string | null; onSuggested: (() => void) | undefined; note?: string; children: React.ReactNode }) {
  return (
    <section aria-label="Actions" className="flex flex-col gap-2">
      <div className="grid grid-cols-2 gap-2">{children}</div>
      {note && <p className="text-xs text-vault-muted">{note}</p>}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-vault-muted">
        {busy ? 'Working…' : done}
      </p>
      {problem && (
        <div role="alert" className="rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">
          <p>{problem.message}</p>
          {problem.suggestion && onSuggested && (
            <button type="button" className={`${button} mt-2 w-full`} onClick={onSuggested}>
              {problem.suggestion.label}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
