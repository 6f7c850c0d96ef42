/**
 * Entry point of the web UI. The server's CSP allows <style> only with its per-response nonce, which it
 * writes into <meta name="csp-nonce">; Mantine stamps that nonce on every <style> tag it injects.
 */
import { styleNonce } from './csp-setup.js';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../kernel/query.js';
import { Providers } from './providers.js';
import { createAppRouter } from './router.js';

let router: ReturnType<typeof createAppRouter> | null = null;

const queryClient = createQueryClient({
  onUnauthenticated: () => {
    // The session expired or was revoked elsewhere: back to sign-in once, keeping where the person was.
    if (!router || router.state.isLoading) return;
    const { pathname, href } = router.state.location;
    if (pathname === '/sign-in') return;
    // Leave first, then forget everything: clearing earlier would make open pages refetch as anonymous.
    void router.navigate({ to: '/sign-in', search: { redirect: href, reason: 'expired' } }).then(() => queryClient.clear());
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
