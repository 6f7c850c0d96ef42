import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractFuzz } from './contract-fuzz.js';
import { createTestApp, type TestApp } from './test-app.js';

describe('contract fuzzing: 100 hostile inputs per route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never answers 5xx, never crashes, and a rejected request changes no data', async () => {
    const failures = await runContractFuzz(t.app, t.ctx, { runsPerRoute: 100 });
    expect(failures).toEqual([]);
  }, 1_200_000);
});
