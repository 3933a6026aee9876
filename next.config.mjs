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
  // On Vercel (VERCEL=1 at build time) functions also leave out the embedded database and the
  // migration engine: the config refuses both there (DATABASE_URL is required, migrations run in
  // the build command), and lib/db/client.ts imports them only when used.
  outputFileTracingExcludes: {
    '*': [
      'node_modules/sql.js/dist/{sql-asm*,*debug*,*browser*,*inline*,worker.*,*.zip}',
      ...(process.env.VERCEL === '1' ? ['node_modules/@electric-sql/**', 'node_modules/@prisma/schema-engine-wasm/**'] : []),
    ],
  },
  // The app renders plain <img> (components/inventory/item-icon.tsx): no image optimizer, so
  // /_next/image is a 404 rather than an open proxy spending the host's optimization quota.
  images: { unoptimized: true },
};

export default nextConfig;
