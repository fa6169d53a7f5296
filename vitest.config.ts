import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * One copy of graphql-js: Node resolves `graphql` to its CommonJS build (what @apollo/* require);
 * Vite would pick the ESM build for our imports and two realms would meet ("Cannot use GraphQLSchema
 * from another module or realm"). Resolve it like Node does.
 */
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] };

export default defineConfig({
  resolve,
  test: {
    // CI also writes a JSON report; .ci/run prints its totals as one closing line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]] : ['default'],
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['**/__tests__/**/*.test.ts'],
          exclude: ['node_modules/**', 'test/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'contract',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
