/** Organizations and memberships: queries and mutations over the organization contracts. */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ZId, ZOk, ZPage } from '../../../shared/contracts/common.js';
import {
  ZAddMemberResponse,
  ZMember,
  ZOrganization,
  type TAddMemberRequest,
  type TCreateSiteRequest,
  type TMemberListQuery,
  type TUpdateMemberRequest,
  type TUpdateOrganizationRequest,
} from '../../../shared/contracts/organizations.js';
import { apiRequest } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

export function organizationQuery(orgId: string) {
  return queryOptions({
    queryKey: queryKeys.organization(orgId),
    queryFn: ({ signal }) => apiRequest(orgPath(orgId), { schema: ZOrganization, signal }),
  });
}

const ZMemberPage = ZPage(ZMember);

export function membersQuery(orgId: string, query: Partial<TMemberListQuery>) {
  return queryOptions({
    queryKey: [...queryKeys.members(orgId), query] as const,
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/members`, { schema: ZMemberPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function updateOrganization(orgId: string, body: TUpdateOrganizationRequest) {
  return apiRequest(orgPath(orgId), { method: 'PATCH', body, schema: ZOrganization });
}

export function createSite(orgId: string, body: TCreateSiteRequest) {
  return apiRequest(`${orgPath(orgId)}/sites`, { method: 'POST', body, schema: z.object({ id: ZId }) });
}

export function addMember(orgId: string, body: TAddMemberRequest) {
  return apiRequest(`${orgPath(orgId)}/members`, { method: 'POST', body, schema: ZAddMemberResponse });
}

export function updateMember(orgId: string, membershipId: string, body: TUpdateMemberRequest) {
  return apiRequest(`${orgPath(orgId)}/members/${encodeURIComponent(membershipId)}`, { method: 'PATCH', body, schema: ZMember });
}

export function removeMember(orgId: string, membershipId: string) {
  return apiRequest(`${orgPath(orgId)}/members/${encodeURIComponent(membershipId)}`, { method: 'DELETE', schema: ZOk });
}
