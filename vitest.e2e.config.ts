import { defineConfig } from 'vitest/config';

// Browser journeys in real Chromium (playwright-core + Debian's chromium at CUSTOS_CHROMIUM).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
