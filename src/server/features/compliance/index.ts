/** The HIPAA Security Rule view with addressable decisions (164.306(d)(3)), readiness per framework and "comply once". */
import type { Feature } from '../../kernel/http/route.js';
import { complianceRoutes } from './compliance.routes.js';

export const complianceFeature: Feature = { name: 'compliance', routes: complianceRoutes };
export { getReadiness, getReadinessDrill } from './readiness.service.js';
export { getHipaaView, recordHipaaDecision, hipaaDecisionHistory } from './hipaa.service.js';
export { getComplyOnce } from './comply-once.service.js';
