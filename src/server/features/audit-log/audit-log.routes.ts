/** Audit trail routes. */
import { ZAuditAnchor, ZAuditEvent, ZAuditListQuery, ZAuditVerifyResult } from '../../../shared/contracts/audit.js';
import { ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as service from './audit-log.service.js';

const tags = ['audit'];

export const auditLogRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId/audit-events', operationId: 'audit.list', summary: 'Audit events, filtered by actor, type, subject and period, paged', access: 'audit.read', tags,
    params: ZOrgParams, query: ZAuditListQuery, response: ZPage(ZAuditEvent),
    handler: ({ app, call, query }) => service.listEvents(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId/audit-events/export', operationId: 'audit.exportCsv', summary: 'Export the filtered audit events as CSV (formula-safe)', access: 'audit.export', tags,
    params: ZOrgParams, query: ZAuditListQuery.omit({ page: true, pageSize: true, direction: true }), produces: 'text/csv',
    handler: async ({ app, call, query, reply }) => {
      const stream = await service.exportCsv(app, call.org!, call.actor, query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-events.csv"').send(stream);
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId/audit/verify', operationId: 'audit.verify', summary: 'Verify the hash chain: OK, or the first broken event', access: 'audit.verify', tags,
    params: ZOrgParams, response: ZAuditVerifyResult,
    handler: ({ app, call }) => service.verify(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/orgs/:orgId/audit/anchors', operationId: 'audit.exportAnchor', summary: 'Export the chain head as an anchor to keep outside Custos', access: 'audit.export', tags,
    params: ZOrgParams, response: ZAuditAnchor, successStatus: 201,
    handler: ({ app, call }) => service.exportAnchor(app, call.org!, call.actor),
  }),
];
