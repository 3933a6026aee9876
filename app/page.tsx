import { ButtonLink } from '@/components/ui/button-link';

export default function LandingPage() {
  return (
    <section className="flex flex-col items-center gap-6 pt-10 text-center sm:pt-20">
      <h1 className="text-3xl font-bold sm:text-5xl">Your vault, in your pocket</h1>
      <p className="max-w-md text-vault-muted">
        See your Destiny 2 vault and characters, move and equip gear, and check what Xûr sells this week — from your
        phone or your desktop.
      </p>
      <ButtonLink href="/api/auth/signin/bungie">Sign in with Bungie</ButtonLink>
      <p className="max-w-md text-sm text-vault-muted">
        You sign in on Bungie.net; Vault Raider never sees your password.
      </p>
    </section>
  );
}
