import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { createTestContext } from '../../testing/test-app.js';

function get(port: number, urlPath: string, options: https.RequestOptions = {}, body?: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: urlPath, rejectUnauthorized: false, method: body ? 'POST' : 'GET', headers: body ? { 'content-type': 'application/json' } : {}, ...options }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('optional TLS (CUSTOS_TLS_CERT / CUSTOS_TLS_KEY)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-tls-'));
  let app: FastifyInstance;
  let port: number;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const made = await createTestContext();
    drop = made.testDb.drop;
    made.ctx.config.tlsCert = cert;
    made.ctx.config.tlsKey = key;
    app = await buildApp(made.ctx, { webDir: null, rateLimitPerMinute: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    await buildUser(made.ctx, { email: 'tls@example.org' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with HSTS and a Secure session cookie', async () => {
    const health = await get(port, '/healthz');
    expect(health.status).toBe(200);
    expect(String(health.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
    const login = await get(port, '/api/v1/auth/login', {}, JSON.stringify({ email: 'tls@example.org', password: TEST_PASSWORD }));
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('refuses TLS 1.1 and cipher suites without forward secrecy', async () => {
    await expect(get(port, '/healthz', { maxVersion: 'TLSv1.1', minVersion: 'TLSv1' })).rejects.toThrow();
    await expect(get(port, '/healthz', { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' })).rejects.toThrow();
  });
});
