import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { createPostgresStore } from './postgres-store';
import type { ManifestStore } from './store';
import { createUpstashStore } from './upstash-store';

type Holder = typeof globalThis & { __vaultRaiderManifestStore?: Promise<ManifestStore> };
const holder = globalThis as Holder;

/** The process's manifest store, per configuration: Upstash Redis, or the database. */
export function getManifestStore(): Promise<ManifestStore> {
  holder.__vaultRaiderManifestStore ??= (async () => {
    const { manifestStore } = getConfig();
    if (manifestStore.kind === 'upstash') return createUpstashStore({ url: manifestStore.url, token: manifestStore.token });
    return createPostgresStore({ prisma: await getPrisma() });
  })();
  const pending = holder.__vaultRaiderManifestStore;
  // A failure (database not up yet) is not cached: the next call tries again.
  pending.catch(() => {
    if (holder.__vaultRaiderManifestStore === pending) holder.__vaultRaiderManifestStore = undefined;
  });
  return pending;
}
