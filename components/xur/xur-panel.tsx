import Link from 'next/link';
import { ManifestNotice } from '@/components/inventory/manifest-notice';
import type { XurView } from '@/lib/inventory/types';
import { formatReset } from '@/lib/inventory/format-reset';
import { XurOfferCard } from './xur-offer-card';

/** Xûr's stock and when he leaves, or when he is back; visitors learn what signing in adds. */
export function XurPanel({ view }: { view: XurView }) {
  const visitorNote =
    view.source === 'public' ? (
      <p className="rounded-lg border border-vault-line bg-vault-panel px-4 py-3 text-sm text-vault-muted">
        This is Bungie’s public preview, which leaves out the class-specific stock{view.present ? '' : ' and sometimes Xûr himself'}.{' '}
        <Link href="/" className="text-vault-accent underline underline-offset-2">Sign in</Link> to see everything he sells you.
      </p>
    ) : null;
  if (!view.present) {
    return (
      <section data-xur="absent" className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{view.name}</h1>
        <p className="text-lg">
          {view.name} is not here — back <time dateTime={view.returnsAt}>{formatReset(view.returnsAt)}</time>.
        </p>
        <p className="text-sm text-vault-muted">He arrives with the weekly reset every Friday at 17:00 UTC and leaves on Tuesday.</p>
        {visitorNote}
      </section>
    );
  }
  return (
    <section data-xur="present" className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold">{view.name}</h1>
        {view.subtitle && <p className="text-vault-muted">{view.subtitle}</p>}
      </div>
      <p>
        {view.location ? `At ${view.location} until ` : 'Here until '}
        <time dateTime={view.leavesAt}>{formatReset(view.leavesAt)}</time>.
      </p>
      <ManifestNotice unknownHashes={view.unknownHashes} />
      {visitorNote}
      <h2 className="text-xl font-semibold">This week’s stock</h2>
      {view.offers.length === 0 ? (
        <p className="text-vault-muted">He has nothing for sale right now.</p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2" data-testid="xur-offers">
          {view.offers.map((offer) => (
            <XurOfferCard key={offer.key} offer={offer} />
          ))}
        </ul>
      )}
    </section>
  );
}
