import { redirect } from 'next/navigation';
import { Landing } from '@/components/layout/landing';
import { currentSession } from '@/lib/auth/session';

export default async function LandingPage() {
  const session = await currentSession();
  // Signed in, the start page is the inventory screen (every store at once).
  if (session && !session.user.needsReauth) redirect('/inventory');
  return <Landing sessionEnded={session?.user.needsReauth === true} />;
}
