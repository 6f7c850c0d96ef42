/** The audit trail: queries over the audit contracts, the CSV export link and the anchor download. */
import { queryOptions } from '@tanstack/react-query';
import { ZAuditAnchor, ZAuditEvent, ZAuditVerifyResult, type TAuditListQuery } from '../../../shared/contracts/audit.js';
import { ZPage } from '../../../shared/contracts/common.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { saveFile } from '../../kernel/download.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const ZAuditPage = ZPage(ZAuditEvent);

export function auditEventsQuery(orgId: string, query: Partial<TAuditListQuery>) {
  return queryOptions({
    queryKey: [...queryKeys.auditEvents(orgId), query] as const,
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/audit-events`, { schema: ZAuditPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function auditVerifyQuery(orgId: string) {
  return queryOptions({
    queryKey: queryKeys.auditVerify(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/audit/verify`, { schema: ZAuditVerifyResult, signal }),
    staleTime: 0,
  });
}

/** A plain link: the browser downloads the CSV with the session cookie (a GET needs no CSRF token). */
export function auditCsvUrl(orgId: string, filters: Partial<TAuditListQuery>): string {
  const { page: _page, pageSize: _pageSize, direction: _direction, ...rest } = filters;
  return apiUrl(`${orgPath(orgId)}/audit-events/export`, rest);
}

export async function downloadAnchor(orgId: string): Promise<void> {
  const anchor = await apiRequest(`${orgPath(orgId)}/audit/anchors`, { method: 'POST', schema: ZAuditAnchor });
  const stamp = anchor.exportedAt.replace(/[:.]/g, '-');
  saveFile({ fileName: `custos-audit-anchor-${anchor.organizationId.slice(0, 8)}-seq${anchor.seq}-${stamp}.json`, content: `${JSON.stringify(anchor, null, 2)}\n`, type: 'application/json' });
}
