/**
 * Entry point of the web UI. The server's CSP allows <style> only with its per-response nonce, which it
 * writes into <meta name="csp-nonce">; Mantine stamps that nonce on every <style> tag it injects.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../kernel/query.js';
import { Providers } from './providers.js';
import { createAppRouter } from './router.js';

function readStyleNonce(): string | undefined {
  const value = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  return value && value !== '%CSP_NONCE%' ? value : undefined;
}

const styleNonce = readStyleNonce();
// Mantine's modals lock page scrolling with react-remove-scroll, which injects its own <style> tag and
// takes the nonce from this global (get-nonce's fallback); without it the CSP blocks that style.
(globalThis as typeof globalThis & { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;

let router: ReturnType<typeof createAppRouter> | null = null;

const queryClient = createQueryClient({
  onUnauthenticated: () => {
    // The session expired or was revoked elsewhere: back to sign-in once, keeping where the person was.
    if (!router || router.state.isLoading) return;
    const { pathname, href } = router.state.location;
    if (pathname === '/sign-in') return;
    queryClient.clear();
    void router.navigate({ to: '/sign-in', search: { redirect: href, reason: 'expired' } });
  },
});
router = createAppRouter(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Providers queryClient={queryClient} styleNonce={styleNonce}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
