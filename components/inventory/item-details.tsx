'use client';

import { useId, useState } from 'react';
import useSWR from 'swr';
import type { ItemDetail, ItemSocket, ItemStat } from '@/lib/inventory/types';
import { ItemIcon } from './item-icon';

/** Reads GET /api/items/[instanceId]; every failure becomes an Error whose message a player can read. */
async function fetchDetail(url: string): Promise<ItemDetail> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new Error('Vault Raider could not be reached. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => null)) as (ItemDetail & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? `Something went wrong (HTTP ${response.status}). Try again.`);
  return body;
}

/**
 * Stats and perks of one instanced item, read when its sheet opens (SWR: a second open of the
 * same item shows the last answer at once). A skeleton while it loads, a sentence and a retry
 * button when it fails; nothing at all for an item without stats or sockets.
 */
export function ItemDetails({ instanceId }: { instanceId: string }) {
  const { data, error, isValidating, mutate } = useSWR(`/api/items/${encodeURIComponent(instanceId)}`, fetchDetail, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  if (error && !data) {
    return (
      <div role="alert" className="flex flex-col gap-2 rounded-lg border border-red-400/60 bg-red-950/40 p-3 text-sm">
        <p>Stats and perks could not be loaded: {(error as Error).message}</p>
        <button type="button" disabled={isValidating} onClick={() => void mutate()} className="min-h-11 rounded-lg border border-vault-line px-3 font-medium disabled:opacity-50">
          Try again
        </button>
      </div>
    );
  }
  if (!data) return <DetailSkeleton />;
  if (data.stats.length === 0 && data.sockets.length === 0) return null;
  return (
    <div className="flex flex-col gap-4" data-testid="item-details">
      {data.stats.length > 0 && <StatList stats={data.stats} />}
      {data.sockets.length > 0 && <PerkList sockets={data.sockets} />}
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div role="status" aria-busy="true" className="flex flex-col gap-2" data-testid="item-details-loading">
      <span className="sr-only">Loading stats and perks…</span>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} aria-hidden className="grid grid-cols-[7.5rem_1fr] items-center gap-2">
          <div className="h-3 w-20 animate-pulse rounded bg-vault-line" />
          <div className="h-2 animate-pulse rounded bg-vault-line" />
        </div>
      ))}
    </div>
  );
}

function StatList({ stats }: { stats: ItemStat[] }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="text-sm font-semibold">Stats</h3>
      <ul className="flex flex-col gap-1 text-sm">
        {stats.map((s) => (
          <li key={s.statHash} className="grid grid-cols-[7.5rem_1fr_2.25rem] items-center gap-2">
            <span id={`${id}-${s.statHash}`} className="text-vault-muted leading-tight">{s.name}</span>
            {s.max === null ? (
              <span />
            ) : (
              <span
                role="meter"
                aria-labelledby={`${id}-${s.statHash}`}
                aria-valuenow={s.value}
                aria-valuemin={0}
                aria-valuemax={s.max}
                className="h-2 overflow-hidden rounded bg-vault-line"
              >
                {/* An SVG bar, not a styled span: the CSP allows no inline style attributes. */}
                <svg aria-hidden viewBox="0 0 100 1" preserveAspectRatio="none" className="block h-full w-full">
                  <rect width={Math.min(100, Math.max(0, (s.value / s.max) * 100))} height="1" className="fill-vault-text" />
                </svg>
              </span>
            )}
            <span className="text-right tabular-nums">{s.value}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Perks by socket; tapping one shows what it does under its socket (again, or another, hides it). */
function PerkList({ sockets }: { sockets: ItemSocket[] }) {
  const id = useId();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="text-sm font-semibold">Perks</h3>
      <ul className="flex flex-col gap-2">
        {sockets.map((socket) => {
          const open = socket.plugs.find((plug) => shown === `${socket.index}:${plug.hash}`);
          const about = `${id}-about-${socket.index}`;
          return (
            <li key={socket.index} className="flex flex-col gap-1">
              {socket.label && <span id={`${id}-${socket.index}`} className="text-xs text-vault-muted">{socket.label}</span>}
              <ul aria-labelledby={socket.label ? `${id}-${socket.index}` : undefined} className="flex flex-wrap gap-1.5">
                {socket.plugs.map((plug) => {
                  const key = `${socket.index}:${plug.hash}`;
                  return (
                    <li key={plug.hash} aria-current={plug.active ? 'true' : undefined} data-active={plug.active}>
                      <button
                        type="button"
                        aria-expanded={shown === key}
                        aria-controls={about}
                        onClick={() => setShown((s) => (s === key ? null : key))}
                        className={`flex min-h-10 items-center gap-1.5 rounded-lg border py-1 pl-1 pr-2 text-left text-sm ${plug.active ? 'border-vault-accent bg-vault-bg' : 'border-vault-line text-vault-muted'}`}
                      >
                        <ItemIcon src={plug.iconUrl} size={32} className="h-8 w-8 shrink-0 rounded" />
                        <span>{plug.name}</span>
                        {plug.active && socket.plugs.length > 1 && <span className="sr-only"> (active)</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
              <p id={about} aria-live="polite" data-testid="perk-description" className="text-sm empty:hidden">
                {open ? `${open.name}: ${open.description || 'the item database has no description for it.'}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
