'use client';

/** Shown when a page fails: a sentence for the player, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="flex flex-col items-center gap-4 pt-16 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="max-w-md text-vault-muted">Vault Raider could not show this page. Try again in a moment.</p>
      <button type="button" onClick={reset} className="min-h-12 rounded-lg border border-vault-line px-6">
        Try again
      </button>
    </section>
  );
}
