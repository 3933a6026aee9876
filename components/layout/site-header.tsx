import Link from 'next/link';

/** The bar at the top of every page: the app's name, leading home. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-10 border-b border-vault-line bg-vault-bg/95 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between px-4">
        <Link href="/" className="text-lg font-semibold tracking-wide text-vault-text">
          Vault <span className="text-vault-accent">Raider</span>
        </Link>
      </div>
    </header>
  );
}
