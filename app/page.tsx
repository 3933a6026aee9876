import { redirect } from 'next/navigation';
import { Landing } from '@/components/layout/landing';
import { currentSession } from '@/lib/auth/session';

export default async function LandingPage() {
  const session = await currentSession();
  if (session && !session.user.needsReauth) redirect('/vault');
  return <Landing sessionEnded={session?.user.needsReauth === true} />;
}
