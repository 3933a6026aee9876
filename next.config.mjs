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
  // The app renders plain <img> (components/inventory/item-icon.tsx): no image optimizer, so
  // /_next/image is a 404 rather than an open proxy spending the host's optimization quota.
  images: { unoptimized: true },
};

export default nextConfig;
