/** My account routes: any signed-in person, acting on their own account only. */
import {
  ZApiTokenList,
  ZApiTokenParams,
  ZChangePasswordRequest,
  ZCreateApiTokenRequest,
  ZCreateApiTokenResponse,
  ZMfaConfirmRequest,
  ZMfaDisableRequest,
  ZMfaEnrolmentResponse,
  ZRecoveryCodesResponse,
  ZSessionList,
  ZSessionParams,
} from '../../../shared/contracts/account.js';
import { ZOk } from '../../../shared/contracts/common.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as service from './account.service.js';

const tags = ['account'];
const ok = { ok: true as const };

export const accountRoutes = [
  defineRoute({
    method: 'POST', url: '/api/v1/account/password', operationId: 'account.changePassword', summary: 'Change my password (ends my other sessions)', access: 'authenticated', tags,
    body: ZChangePasswordRequest, response: ZOk,
    handler: async ({ app, call, body }) => { await service.changePassword(app, call.principal!, call.actor, body); return ok; },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/account/mfa/enrolment', operationId: 'account.startMfaEnrolment', summary: 'Start TOTP enrolment: a new secret, its otpauth URI and QR code', access: 'authenticated', tags,
    response: ZMfaEnrolmentResponse,
    handler: ({ app, call }) => service.startMfaEnrolment(app, call.principal!, call.actor),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/account/mfa/enrolment/confirm', operationId: 'account.confirmMfaEnrolment', summary: 'Confirm TOTP enrolment with a code; returns one-time recovery codes', access: 'authenticated', tags,
    body: ZMfaConfirmRequest, response: ZRecoveryCodesResponse,
    handler: ({ app, call, body }) => service.confirmMfaEnrolment(app, call.principal!, call.actor, body.code),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/account/mfa/disable', operationId: 'account.disableMfa', summary: 'Remove two-factor authentication (refused where an organization requires it)', access: 'authenticated', tags,
    body: ZMfaDisableRequest, response: ZOk,
    handler: async ({ app, call, body }) => { await service.disableMfa(app, call.principal!, call.actor, body); return ok; },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/account/mfa/recovery-codes', operationId: 'account.regenerateRecoveryCodes', summary: 'Replace my recovery codes', access: 'authenticated', tags,
    body: ZMfaConfirmRequest, response: ZRecoveryCodesResponse,
    handler: ({ app, call, body }) => service.regenerateRecoveryCodes(app, call.principal!, call.actor, body.code),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/account/sessions', operationId: 'account.listSessions', summary: 'My active sessions', access: 'authenticated', tags,
    response: ZSessionList,
    handler: ({ app, call }) => service.listMySessions(app, call.principal!),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/account/sessions/:sessionId', operationId: 'account.revokeSession', summary: 'Revoke one of my sessions', access: 'authenticated', tags,
    params: ZSessionParams, response: ZOk,
    handler: async ({ app, call, params }) => { await service.revokeMySession(app, call.principal!, call.actor, params.sessionId); return ok; },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/account/tokens', operationId: 'account.listTokens', summary: 'My API tokens (never their secrets)', access: 'authenticated', tags,
    response: ZApiTokenList,
    handler: ({ app, call }) => service.listMyTokens(app, call.principal!),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/account/tokens', operationId: 'account.createToken', summary: 'Create an API token (the secret is shown once)', access: 'authenticated', tags,
    body: ZCreateApiTokenRequest, response: ZCreateApiTokenResponse, successStatus: 201,
    handler: ({ app, call, body }) => service.createMyToken(app, call.principal!, call.actor, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/account/tokens/:tokenId', operationId: 'account.revokeToken', summary: 'Revoke one of my API tokens', access: 'authenticated', tags,
    params: ZApiTokenParams, response: ZOk,
    handler: async ({ app, call, params }) => { await service.revokeMyToken(app, call.principal!, call.actor, params.tokenId); return ok; },
  }),
];
