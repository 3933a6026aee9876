import Image from 'next/image';
import type { CharacterSummary } from '@/lib/inventory/types';

/** Class, race and power over the character's emblem background. */
export function CharacterHeader({ character }: { character: CharacterSummary }) {
  return (
    <header className="relative flex min-h-20 items-center gap-3 overflow-hidden rounded-lg border border-vault-line bg-vault-panel px-4 py-3">
      {character.emblemBackgroundUrl && (
        // Unoptimized for the same reasons as item icons (see components/inventory/item-icon.tsx).
        <Image src={character.emblemBackgroundUrl} alt="" fill unoptimized priority sizes="100vw" className="object-cover opacity-60" />
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
    </header>
  );
}
