/** My account: password, two-factor authentication, sessions, API tokens. */
import type { Feature } from '../../kernel/http/route.js';
import { accountRoutes } from './account.routes.js';

export const accountFeature: Feature = { name: 'account', routes: accountRoutes };
