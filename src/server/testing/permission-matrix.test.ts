import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPermissionMatrix } from './permission-matrix.js';
import { createTestApp, type TestApp } from './test-app.js';

describe('permission matrix: every route × every role × no session × foreign organization × scoped token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('covers every registered route', () => {
    expect(t.app.custos.routes.length).toBeGreaterThanOrEqual(90);
    for (const route of t.app.custos.routes) expect(route.access, `${route.operationId} declares its access`).toBeTruthy();
  });

  it('grants exactly what the catalogue says and nothing more', async () => {
    const failures = await runPermissionMatrix(t.app, t.ctx);
    expect(failures).toEqual([]);
    // About 70 routes × 14 callers: tens of seconds on a busy 2-core machine.
  }, 600_000);
});
