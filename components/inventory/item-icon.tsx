/**
 * An item icon, as a plain `<img>` rather than `next/image`: Bungie's icons are already 96×96
 * and cached by its CDN, so Next's optimizer would only add a hop and, on Vercel's free tier,
 * spend the monthly image-transformation quota (a vault has hundreds of distinct icons); it also
 * refuses the demo simulator's 127.0.0.1 origin. Without optimisation `next/image` adds nothing
 * but server render time — about a tenth of a millisecond per tile, 462 tiles on a vault page
 * (measured with `npm run bench:pages`). Width, height, lazy loading and async decoding are set
 * here by hand, as `next/image` would. The placeholder takes its size from `className` (every
 * caller sets one): an inline `style` attribute would break the Content-Security-Policy (`style-src`
 * has no 'unsafe-inline').
 */
export function ItemIcon({ src, size, className }: { src: string | null; size: number; className?: string }) {
  if (!src) return <span aria-hidden className={`grid place-items-center text-xl font-bold text-vault-accent ${className ?? ''}`}>?</span>;
  // eslint-disable-next-line @next/next/no-img-element -- see above: nothing for next/image to optimise.
  return <img src={src} alt="" width={size} height={size} loading="lazy" decoding="async" className={className} />;
}
