// GET /xur — Xûr's stock or when he returns; opened by players and visitors, about weekly.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { LoadProblem } from '@/components/inventory/load-problem';
import { FirstFlush } from '@/components/layout/first-flush';
import { XurPanel } from '@/components/xur/xur-panel';
import { XurSkeleton } from '@/components/xur/xur-skeleton';
import { currentSession } from '@/lib/auth/session';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadXur } from '@/lib/inventory/loaders/load-xur';

export const metadata: Metadata = { title: 'Xûr' };

export default async function XurPage() {
  // Per request, never prerendered at build: the stock changes weekly and Bungie is asked live.
  await connection();
  const session = await currentSession();
  // A player whose Bungie session ended still sees the public preview, like any visitor.
  const userId = session && !session.user.needsReauth ? session.user.id : null;
  const data = limitPage(userId, '/xur').then((limited) => limited ?? loadXur(userId));
  return (
    <FirstFlush data={data} fallback={<XurSkeleton />}>
      {(result) => {
        if (result.kind === 'not-found') return <LoadProblem problem={{ kind: 'no-destiny-account' }} />;
        if (result.kind !== 'ok') return <LoadProblem problem={result} />;
        return <XurPanel view={result.view} />;
      }}
    </FirstFlush>
  );
}
