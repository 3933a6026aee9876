import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="flex flex-col items-center gap-4 pt-16 text-center">
      <h1 className="text-2xl font-bold">Nothing here</h1>
      <p className="text-vault-muted">That page does not exist.</p>
      <Link href="/" className="text-vault-accent underline">
        Back to the start
      </Link>
    </section>
  );
}
