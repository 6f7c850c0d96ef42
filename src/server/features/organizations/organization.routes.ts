/** Organization and membership routes. */
import { z } from 'zod';
import { ZId, ZOk, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import {
  ZAddMemberRequest,
  ZAddMemberResponse,
  ZCreateSiteRequest,
  ZMember,
  ZMemberListQuery,
  ZMemberParams,
  ZOrganization,
  ZOrganizationList,
  ZUpdateMemberRequest,
  ZUpdateOrganizationRequest,
} from '../../../shared/contracts/organizations.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as service from './organization.service.js';

const tags = ['organizations'];

export const organizationRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/orgs', operationId: 'organizations.listMine', summary: 'Organizations I can act in', access: 'authenticated', tags,
    response: ZOrganizationList,
    handler: ({ app, call }) => service.listMyOrganizations(app, call.principal!.userId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId', operationId: 'organizations.get', summary: 'An organization, its sites and my abilities in it', access: 'org.read', tags,
    params: ZOrgParams, response: ZOrganization,
    handler: ({ app, call }) => service.getOrganization(app, call.org!),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/orgs/:orgId', operationId: 'organizations.update', summary: 'Change the name, time zone or mandatory MFA', access: 'org.update', tags,
    params: ZOrgParams, body: ZUpdateOrganizationRequest, response: ZOrganization,
    handler: ({ app, call, body }) => service.updateOrganization(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/orgs/:orgId/sites', operationId: 'organizations.createSite', summary: 'Create a site under this organization (I become its administrator)', access: 'org.create_site', tags,
    params: ZOrgParams, body: ZCreateSiteRequest, response: z.object({ id: ZId }), successStatus: 201,
    handler: ({ app, call, body }) => service.createSite(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId/members', operationId: 'organizations.listMembers', summary: 'People with access, paged, filtered and sorted', access: 'member.read', tags,
    params: ZOrgParams, query: ZMemberListQuery, response: ZPage(ZMember),
    handler: ({ app, call, query }) => service.listMembers(app, call.org!, call.principal!.userId, query),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/orgs/:orgId/members', operationId: 'organizations.addMember', summary: 'Give a person access (creates the account if needed; its temporary password is shown once)', access: 'member.manage', tags,
    params: ZOrgParams, body: ZAddMemberRequest, response: ZAddMemberResponse, successStatus: 201,
    handler: ({ app, call, body }) => service.addMember(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/orgs/:orgId/members/:membershipId', operationId: 'organizations.updateMember', summary: 'Change a person\'s role or access end date', access: 'member.manage', tags,
    params: ZMemberParams, body: ZUpdateMemberRequest, response: ZMember,
    handler: ({ app, call, params, body }) => service.updateMember(app, call.org!, call.actor, params.membershipId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/orgs/:orgId/members/:membershipId', operationId: 'organizations.removeMember', summary: 'End a person\'s access (their tokens for it are revoked)', access: 'member.manage', tags,
    params: ZMemberParams, response: ZOk,
    handler: async ({ app, call, params }) => { await service.removeMember(app, call.org!, call.actor, params.membershipId); return { ok: true as const }; },
  }),
];
