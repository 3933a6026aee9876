import type { ReactNode } from 'react';
import type { CharacterSummary } from '@/lib/inventory/types';

/** Class, race and power over the character's emblem background; `children` (max power) below them. */
export function CharacterHeader({ character, children }: { character: CharacterSummary; children?: ReactNode }) {
  return (
    <header className="relative flex min-h-20 flex-col gap-3 overflow-hidden rounded-lg border border-vault-line bg-vault-panel px-4 py-3">
      {character.emblemBackgroundUrl && (
        // A plain <img> for the same reasons as item icons (components/inventory/item-icon.tsx); also,
        // next/image's `fill` writes an inline style attribute, which the CSP refuses.
        // eslint-disable-next-line @next/next/no-img-element -- see above.
        <img src={character.emblemBackgroundUrl} alt="" fetchPriority="high" className="absolute inset-0 h-full w-full object-cover opacity-60" />
      )}
      <div className="relative flex flex-1 items-center justify-between gap-3 drop-shadow">
        <div>
          <h1 className="text-2xl font-bold">{character.className}</h1>
          <p className="text-sm text-vault-text/90">{character.raceName}</p>
        </div>
        <p className="text-3xl font-semibold tabular-nums text-vault-accent" aria-label={`Power ${character.power}`}>
          {character.power}
        </p>
      </div>
      {children && <div className="relative">{children}</div>}
    </header>
  );
}
