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
  // sql.js ships a dozen builds (asm.js, debug, browser, worker, zips: 30 MB); the server loads only
  // dist/sql-wasm.js and its .wasm. Left out of the functions' traced files (Vercel's packaging).
  outputFileTracingExcludes: {
    '*': ['node_modules/sql.js/dist/{sql-asm*,*debug*,*browser*,*inline*,worker.*,*.zip}'],
  },
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
