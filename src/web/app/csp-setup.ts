/**
 * Runs before any other module of the app (it is main.tsx's first import): the page's CSP has no
 * 'unsafe-eval' and allows <style> only with the per-response nonce the server writes into
 * <meta name="csp-nonce">. Two libraries need telling before they first run.
 */
import { z } from 'zod';

// zod compiles fast parsers with `new Function` and probes for it on first use (also when building
// schemas with .extend/.pick at import time); jitless skips both, so no CSP violation is reported.
z.config({ jitless: true });

function readStyleNonce(): string | undefined {
  const value = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  return value && value !== '%CSP_NONCE%' ? value : undefined;
}

export const styleNonce = readStyleNonce();

// Mantine's modals lock page scrolling with react-remove-scroll, which injects its own <style> tag and
// takes the nonce from this global (get-nonce's fallback); without it the CSP blocks that style.
(globalThis as typeof globalThis & { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;
