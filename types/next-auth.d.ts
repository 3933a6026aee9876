import 'next-auth';

declare module 'next-auth' {
  /** What the browser may know about the signed-in player: never a token. */
  interface Session {
    user: {
      id: string;
      /** Bungie name, e.g. "Guardian#1234". */
      name: string;
      /** Absolute URL of the Bungie.net profile picture. */
      image: string | null;
      /** Platform of the Destiny membership in use ("Steam", "PlayStation", ...). */
      platform: string;
      /** Listed in ADMIN_MEMBERSHIP_IDS. */
      isAdmin: boolean;
      /** Bungie refused to renew the session: the player must sign in again. */
      needsReauth: boolean;
    };
  }
}
