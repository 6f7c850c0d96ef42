/** The audit log: viewer, CSV export, chain verification, anchors. */
import type { Feature } from '../../kernel/http/route.js';
import { auditLogRoutes } from './audit-log.routes.js';

export const auditLogFeature: Feature = { name: 'audit-log', routes: auditLogRoutes };
export { CSV_COLUMNS } from './audit-log.service.js';
export { iterateEvents } from './audit-log.repository.js';
