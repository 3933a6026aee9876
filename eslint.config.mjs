import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.data/**', '.scratch/**', 'lib/generated/**', 'node_modules/**', 'test-results/**', 'next-env.d.ts'],
  },
  {
    rules: {
      // Only lib/config.ts may read the environment (see lib/config.ts).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/config.ts.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Config and the local tooling (simulator, test runner, scripts, tests) legitimately read the environment.
    files: ['lib/config.ts', 'dev/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.*', 'prisma.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // App code never imports the local stand-ins or the tests.
    files: ['app/**', 'components/**', 'lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/dev/**', '@/dev/*', '**/tests/**', '@/tests/*'], message: 'App code must not import dev/ or tests/.' }] }],
    },
  },
];

export default config;
