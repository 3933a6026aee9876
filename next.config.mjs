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
};

export default nextConfig;
