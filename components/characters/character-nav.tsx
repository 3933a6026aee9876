import Link from 'next/link';
import { LinkPending } from '@/components/layout/link-pending';
import type { CharacterSummary } from '@/lib/inventory/types';

/** Quick switching between the vault and each character: one row of thumb-sized links. */
export function CharacterNav({ characters, current }: { characters: readonly CharacterSummary[]; current: 'vault' | string }) {
  const link = 'flex min-h-11 shrink-0 items-center gap-1.5 rounded-full border px-4 text-sm';
  const state = (active: boolean) => (active ? 'border-vault-accent bg-vault-accent text-black' : 'border-vault-line bg-vault-panel text-vault-text');
  return (
    <nav aria-label="Vault and characters" className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-2 pb-1">
        <li>
          <Link href="/vault" aria-current={current === 'vault' ? 'page' : undefined} className={`${link} ${state(current === 'vault')}`}>
            Vault
            <LinkPending />
          </Link>
        </li>
        {characters.map((c) => (
          <li key={c.characterId}>
            <Link
              href={`/characters/${c.characterId}`}
              aria-current={current === c.characterId ? 'page' : undefined}
              className={`${link} ${state(current === c.characterId)}`}
            >
              {c.className}
              <span className="tabular-nums opacity-80">{c.power}</span>
              <LinkPending />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
