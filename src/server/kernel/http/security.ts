/**
 * Security headers (A.8.26 application security requirements; 45 CFR 164.312(e)(1) transmission security).
 * CSP without inline scripts; styles only with the per-response nonce (Mantine injects <style> tags and
 * reads the nonce from the page); frames refused; HSTS when served over TLS.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    cspNonce: string;
  }
}

export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The interactive API docs ship their own stylesheet with inline styles; they get a looser style-src only. */
export function docsContentSecurityPolicy(): string {
  return ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: validator.swagger.io", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');
}

export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, isTls: boolean): void {
  const isDocs = request.url.startsWith('/api/docs');
  reply.header('content-security-policy', isDocs ? docsContentSecurityPolicy() : contentSecurityPolicy(request.cspNonce));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (isTls) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
  if (request.url.startsWith('/api/') && !isDocs) reply.header('cache-control', 'no-store');
}

/** Node 20's TLS defaults accept suites without forward secrecy: pin TLS ≥ 1.2 with ECDHE + AEAD. */
export const TLS_OPTIONS = {
  minVersion: 'TLSv1.2' as const,
  ciphers: [
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'TLS_AES_128_GCM_SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
  ].join(':'),
  honorCipherOrder: true,
};
