/**
 * Build of the web UI (the SPA the server serves from dist/web). No inline scripts or styles are
 * emitted: the server's CSP allows scripts from 'self' only, and styles from 'self' plus a per-response
 * nonce that Mantine reads from <meta name="csp-nonce"> (A.8.26 application security requirements).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: path.join(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: path.resolve(webRoot, '../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never inline assets as data: URLs into CSS/JS beyond what img-src allows; fonts stay files.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
