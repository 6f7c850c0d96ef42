import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../shared/permissions.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await request(t.app, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation an operationId <feature>.<action>, a summary and its permission', async () => {
    const doc = (await request(t.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { operationId?: string; summary?: string; 'x-custos-permission'?: string }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBe(t.app.custos.routes.length);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][a-zA-Z-]*\.[a-z][a-zA-Z]*$/);
      expect(ids.has(op.operationId!), `${where} duplicate operationId`).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary, where).toBeTruthy();
      const permission = op['x-custos-permission'];
      expect(permission === 'public' || permission === 'authenticated' || (permission !== undefined && permission in PERMISSIONS), `${where} permission ${permission}`).toBe(true);
    }
  });

  it('describes a file-upload operation\'s body by its content types', async () => {
    const doc = (await request(t.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, unknown> } }>> };
    const uploads = t.app.custos.routes.filter((r) => r.fileUpload);
    expect(uploads.length).toBeGreaterThan(0);
    for (const route of uploads) {
      const op = Object.values(doc.paths).flatMap((item) => Object.values(item)).find((o) => o.operationId === route.operationId);
      expect(Object.keys(op?.requestBody?.content ?? {}).sort(), route.operationId).toEqual([...route.fileUpload!.contentTypes].sort());
    }
  });

  it('serves the interactive docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
