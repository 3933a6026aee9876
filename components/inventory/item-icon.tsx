import Image from 'next/image';

/**
 * An item icon. `unoptimized` on purpose: Bungie's icons are already 96×96 and cached by its
 * CDN, so Next's optimizer would only add a hop and, on Vercel's free tier, spend the monthly
 * image-transformation quota (a vault has hundreds of distinct icons). It also lets the demo's
 * simulator serve icons: its origin is a runtime-configured 127.0.0.1 port, which Next 16's
 * optimizer refuses as a local IP. `images.remotePatterns` in next.config.mjs still lists both
 * origins, so switching optimisation on later is a one-word change.
 */
export function ItemIcon({ src, size, className }: { src: string | null; size: number; className?: string }) {
  if (!src) return <span aria-hidden className={`grid place-items-center text-xl font-bold text-vault-accent ${className ?? ''}`} style={{ width: size, height: size }}>?</span>;
  return <Image src={src} alt="" width={size} height={size} unoptimized loading="lazy" className={className} />;
}
