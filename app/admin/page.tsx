import type { Metadata } from 'next';
import { ManifestAdmin } from '@/components/admin/manifest-admin';
import { requireAdmin } from '@/lib/auth/session';
import { getManifestStatus } from '@/lib/manifest/status';

export const metadata: Metadata = { title: 'Admin' };
export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  // Non-admins get a 404: the page's existence is nobody else's business.
  await requireAdmin();
  const status = await getManifestStatus();
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Manifest</h1>
      <ManifestAdmin initial={status} />
    </section>
  );
}
