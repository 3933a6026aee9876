import Link from 'next/link';
import type { ReactNode } from 'react';

/** A link that looks like the primary button: large enough for a thumb (at least 44 px high). */
export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      prefetch={false}
      className="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-vault-accent px-6 text-base font-semibold text-black shadow transition hover:brightness-110 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-vault-accent sm:w-auto"
    >
      {children}
    </Link>
  );
}
