import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Integration tests start real servers; a generous timeout covers a loaded CI machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
