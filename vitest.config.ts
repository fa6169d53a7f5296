import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/__tests__/**/*.test.ts'],
          exclude: ['node_modules/**', 'test/**'],
        },
      },
      {
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
