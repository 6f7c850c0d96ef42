/** Sign-in: password, TOTP challenge, sign-out, the session payload. */
import type { Feature } from '../../kernel/http/route.js';
import { authRoutes } from './auth.routes.js';

export const authFeature: Feature = { name: 'auth', routes: authRoutes };
