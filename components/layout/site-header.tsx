import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import type { HeaderPlayer } from '@/lib/memberships/types';
import { LinkPending } from './link-pending';
import { ProfileSwitcher } from './profile-switcher';

/** The bar at the top of every page: the app's name, and the player with a way out. */
export function SiteHeader({ player }: { player?: HeaderPlayer }) {
  // The switcher only for an account with several Destiny profiles; else the platform under the name.
  const switcher = player?.profiles && player.profiles.profiles.length > 1 ? player.profiles : undefined;
  return (
    <>
      <header className="sticky top-0 z-10 border-b border-vault-line bg-vault-bg/95 backdrop-blur">
        <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between gap-3 px-4">
          <Link href="/" className="shrink-0 text-lg font-semibold tracking-wide text-vault-text">
            Vault <span className="text-vault-accent">Raider</span>
          </Link>
          <nav aria-label="Site" className="mr-auto flex">
            {player && (
              // On a phone the name ("Vault Raider") leads there too, and the bar has no room to spare.
              <Link href="/inventory" className="hidden min-h-11 items-center gap-1.5 sm:flex rounded-md px-2 text-sm text-vault-text hover:bg-vault-panel">
                Inventory
                <LinkPending />
              </Link>
            )}
            <Link href="/xur" className="flex min-h-11 items-center gap-1.5 rounded-md px-2 text-sm text-vault-text hover:bg-vault-panel">
              Xûr
              <LinkPending />
            </Link>
          </nav>
          {switcher && (
            <div className="hidden sm:block">
              <ProfileSwitcher view={switcher} />
            </div>
          )}
          {player && (
            <div className="flex min-w-0 items-center gap-3">
              <p className="min-w-0 text-right text-sm leading-tight" data-testid="player">
                <span className="block truncate font-medium">{player.name}</span>
                {!switcher && <span className="block text-xs text-vault-muted">{player.platform}</span>}
              </p>
              <SignOutButton />
            </div>
          )}
        </div>
      </header>
      {switcher && (
        // On a phone the bar has no room for it: a row of its own under the bar, which scrolls away
        // (the bar keeps its height, so what sticks below it at top-14 stays in view).
        <div className="mx-auto w-full max-w-5xl border-b border-vault-line px-4 py-2 sm:hidden">
          <ProfileSwitcher view={switcher} />
        </div>
      )}
    </>
  );
}
