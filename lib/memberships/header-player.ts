import 'server-only';
import type { Session } from 'next-auth';
import { log } from '@/lib/server/log';
import { profileSwitch } from './profiles';
import type { HeaderPlayer } from './types';

/**
 * What the header shows of a signed-in player: the platform of the profile in use and, when the
 * account has several, the switcher's list. If the profiles cannot be read, the session's
 * platform alone: the header never fails a page.
 */
export async function headerPlayer(user: Session['user']): Promise<HeaderPlayer> {
  const plain = { name: user.name, platform: user.platform };
  try {
    const profiles = await profileSwitch(user.id);
    const active = profiles.profiles.find((p) => p.membershipId === profiles.activeId);
    return { ...plain, platform: active?.platform ?? user.platform, profiles };
  } catch (error) {
    log.warn(`Header: the Destiny profiles could not be read (${error instanceof Error ? error.name : 'error'}).`);
    return plain;
  }
}
