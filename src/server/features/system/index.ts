/** Health, readiness and metrics endpoints. */
import type { Feature } from '../../kernel/http/route.js';
import { systemRoutes } from './system.routes.js';

export const systemFeature: Feature = { name: 'system', routes: systemRoutes };
