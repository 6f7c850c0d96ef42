import { defineConfig } from 'vitest/config';

// Unit and API tests beside the code. The engine comes from CUSTOS_TEST_ENGINE (sqlite | postgres);
// scripts/test.mjs runs this config once per engine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
