import type { OfferedMembership } from '@/lib/bungie/memberships';

/** One Destiny profile in the switcher: its membership and the platform's name ("Steam", "PlayStation", …). */
export type ProfileOption = OfferedMembership & { platform: string };

/** What the profile switcher shows: every profile the player can switch to, and the one in use. */
export type ProfileSwitchView = {
  profiles: ProfileOption[];
  /** Membership id of the profile every page reads, or null for an account without Destiny. */
  activeId: string | null;
};

/** What the header shows of the signed-in player: their name, the profile's platform, and their profiles when they have several. */
export type HeaderPlayer = { name: string; platform: string; profiles?: ProfileSwitchView };
