/**
 * Incidents and the dual HIPAA/GDPR breach clock (issue 6). So far only the what-if calculator; the
 * incident register, assessment and countdowns build on the same engine (`src/shared/breach-clock.ts`).
 */
import type { Feature } from '../../kernel/http/route.js';
import { breachClockRoutes } from './breach-clock.routes.js';

export const incidentsFeature: Feature = { name: 'incidents', routes: [...breachClockRoutes] };
