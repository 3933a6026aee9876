'use client';

import { useState, type ReactNode } from 'react';
import { MakeRoomSetting } from '@/components/tools/make-room-setting';
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
  const [problem, setProblem] = useState<{ message: string; code?: string; suggestion?: SuggestedMove } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [roomMade, setRoomMade] = useState(false);
  // A stack asks how many: 1, a number, or all (consumables and mods move by amount).
  const stackable = !tile.instanceId && tile.quantity > 1;
  const [amount, setAmount] = useState<'one' | 'some' | 'all'>('all');
  const [some, setSome] = useState(String(Math.min(10, tile.quantity)));
  const typed = Number(some);
  const validSome = Number.isInteger(typed) && typed >= 1 && typed <= tile.quantity;
  const quantity = !stackable ? undefined : amount === 'one' ? 1 : amount === 'all' ? tile.quantity : validSome ? typed : undefined;
  const badAmount = stackable && quantity === undefined;
  const from = ownerOf(tile);
  const itemId = itemIdOf(tile);

  async function track(label: string, action: () => Promise<ActionOutcome>) {
    setBusy(true);
    setProblem(null);
    setDone(null);
    setRoomMade(false);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) {
      // A move made first to free a space is always announced.
      setDone(outcome.madeRoom ? `${outcome.madeRoom.message} ${label}` : label);
      setRoomMade(Boolean(outcome.madeRoom));
    } else setProblem({ message: outcome.message, code: outcome.code, suggestion: outcome.suggestion });
  }
  const run = (label: string, expected: ItemPlace, request: () => Promise<ActionOutcome>) => track(label, () => applyAction(tile, expected, request, onChange));

  const place = (to: string, equipped = false): ItemPlace => expectedPlace(tile, to, equipped);
  const moveTo = (to: string, name: string) => track(stackable && quantity !== undefined ? `Moved ${quantity} to ${name}.` : `Moved to ${name}.`, () => moveItem(tile, to, onChange, quantity));
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
    <Panel
      busy={busy}
      problem={problem}
      done={done}
      onSuggested={suggested}
      note={tile.equipped ? 'Equipped items stay on their character: equip another item in this slot to move this one.' : undefined}
      before={stackable && from !== 'profile' ? <AmountChooser total={tile.quantity} amount={amount} setAmount={setAmount} some={some} setSome={setSome} invalid={badAmount} /> : undefined}
      after={roomMade ? <MakeRoomSetting initial /> : undefined}
    >
      {from !== 'vault' && from !== 'profile' && (
        <button type="button" className={button} disabled={busy || tile.equipped || badAmount} onClick={() => moveTo('vault', 'your vault')}>
          Move to vault
        </button>
      )}
      {from !== 'profile' &&
        characters
          .filter((c) => c.characterId !== from)
          .map((c) => (
            <button key={`move-${c.characterId}`} type="button" className={button} disabled={busy || tile.equipped || badAmount} onClick={() => moveTo(c.characterId, `your ${c.className}`)}>
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

type PanelProps = {
  busy: boolean;
  problem: { message: string; code?: string; suggestion?: SuggestedMove } | null;
  done: string | null;
  onSuggested: (() => void) | undefined;
  note?: string;
  /** Above the buttons (a stack's amount). */
  before?: ReactNode;
  /** Under the outcome (the make-room switch after a move that made room). */
  after?: ReactNode;
  children: ReactNode;
};

function Panel({ busy, problem, done, onSuggested, note, before, after, children }: PanelProps) {
  return (
    <section aria-label="Actions" className="flex flex-col gap-2">
      {before}
      <div className="grid grid-cols-2 gap-2">{children}</div>
      {note && <p className="text-xs text-vault-muted">{note}</p>}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-vault-muted">
        {busy ? 'Working…' : done}
      </p>
      {after}
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
      {/* Beside the refusal, not in it: the alert is the sentence and its one move. */}
      {problem?.code === 'no_room' && problem.suggestion && <MakeRoomSetting initial={false} />}
    </section>
  );
}

/** How many of a stack to move: 1, a number, or all of it. */
function AmountChooser({ total, amount, setAmount, some, setSome, invalid }: { total: number; amount: 'one' | 'some' | 'all'; setAmount: (a: 'one' | 'some' | 'all') => void; some: string; setSome: (s: string) => void; invalid: boolean }) {
  const radio = 'flex min-h-11 items-center gap-2';
  return (
    <fieldset className="flex flex-col gap-1 rounded-lg border border-vault-line p-2 text-sm">
      <legend className="px-1 text-vault-muted">How many to move?</legend>
      <div className="flex flex-wrap items-center gap-x-4">
        <label className={radio}><input type="radio" name="amount" checked={amount === 'one'} onChange={() => setAmount('one')} className="h-5 w-5" /> 1</label>
        <label className={radio}>
          <input type="radio" name="amount" checked={amount === 'some'} onChange={() => setAmount('some')} className="h-5 w-5" />
          <span className="sr-only">A number:</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={total}
            value={some}
            aria-label="How many"
            aria-invalid={invalid}
            onFocus={() => setAmount('some')}
            onChange={(e) => { setSome(e.target.value); setAmount('some'); }}
            className="min-h-11 w-20 rounded border border-vault-line bg-vault-bg px-2 text-base"
          />
        </label>
        <label className={radio}><input type="radio" name="amount" checked={amount === 'all'} onChange={() => setAmount('all')} className="h-5 w-5" /> All {total}</label>
      </div>
      {invalid && <p className="text-red-300">Enter a number from 1 to {total}.</p>}
    </fieldset>
  );
}
