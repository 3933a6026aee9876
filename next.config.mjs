/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that ship WASM or native bits: keep them out of the bundler.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@prisma/schema-engine-wasm',
    'sql.js',
    'pg',
  ],
  images: {
    // Item icons render `unoptimized` today (see components/inventory/item-icon.tsx); these are the
    // origins they come from: Bungie's CDN, and the demo/test simulator on any local port.
    remotePatterns: [
      { protocol: 'https', hostname: 'www.bungie.net', pathname: '/common/destiny2_content/**' },
      { protocol: 'http', hostname: '127.0.0.1', pathname: '/common/destiny2_content/**' },
    ],
  },
};

export default nextConfig;
