import type { AppConfig } from '@/lib/config';
import { BUNGIE_NET_ORIGIN } from '@/lib/config';

/** What the security headers depend on: the request's nonce and a few facts from the configuration. */
export type SecurityHeaderOptions = {
  /** A fresh random value per request, base64; Next puts it on its own scripts and styles. */
  nonce: string;
  /** Origins item icons and emblems come from: bungie.net, plus the simulator in demo and tests. */
  imageOrigins: readonly string[];
  /** Origins a form may send the browser to: the sign-in form ends on Bungie's authorize page. */
  formActionOrigins: readonly string[];
  /** `next dev`: React needs `eval` for its error overlay and Next injects styles without a nonce. */
  development: boolean;
  /** Served over https in production: HSTS and upgrade-insecure-requests apply. */
  strictTransport: boolean;
};

/** Two years, the usual HSTS lifetime; no `preload`: that is a commitment an operator makes, not the app. */
const HSTS_MAX_AGE = 63_072_000;

/**
 * The facts the headers need, from the configuration. HSTS is sent only when the server runs in
 * production *and* its public URL (`AUTH_URL`) is https: a demo or self-hosted server on plain http
 * must never tell a browser to refuse http for its host (localhost included) for two years.
 */
export function securityHeaderOptions(config: AppConfig, nonce: string): SecurityHeaderOptions {
  const bungieOrigins = [...new Set([BUNGIE_NET_ORIGIN, new URL(config.bungie.origin).origin])];
  return {
    nonce,
    imageOrigins: bungieOrigins,
    formActionOrigins: [...new Set([new URL(config.bungie.authorizeOrigin).origin])],
    development: config.nodeEnv === 'development',
    strictTransport: config.nodeEnv === 'production' && new URL(config.appUrl).protocol === 'https:',
  };
}

/** The Content-Security-Policy of every response: nothing runs, loads or frames but what the app needs. */
export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    // 'strict-dynamic': scripts Next's nonced scripts load (its chunks) run too; 'self' is the fallback for old browsers.
    ['script-src', "'self'", nonce, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", ...(options.development ? ["'unsafe-inline'"] : [nonce])],
    ['img-src', "'self'", 'data:', ...options.imageOrigins],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    // The service worker (/serwist/sw.js); without this, script-src's 'strict-dynamic' would refuse it.
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...options.formActionOrigins],
    ['frame-ancestors', "'none'"],
    ...(options.strictTransport ? [['upgrade-insecure-requests'] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** Every security header of a response, by name. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(options.strictTransport ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE}; includeSubDomains` } : {}),
  };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
