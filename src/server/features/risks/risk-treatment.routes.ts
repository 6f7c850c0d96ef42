/** Treatment of a risk (linked controls, tasks), the task board, its append-only acceptances and its reviews: the HTTP routes. */
import { ZOk, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import {
  ZCreateAcceptanceRequest,
  ZCreateRiskReviewRequest,
  ZCreateRiskTaskRequest,
  ZLinkRiskControlsRequest,
  ZRiskAcceptance,
  ZRiskControlParams,
  ZRiskParams,
  ZRiskReview,
  ZRiskTask,
  ZRiskTaskListQuery,
  ZRiskTaskParams,
  ZRiskTreatment,
  ZUpdateRiskTaskRequest,
} from '../../../shared/contracts/risks.js';
import { defineRoute, type AnyRouteDef } from '../../kernel/http/route.js';
import { createAcceptance } from './risk-acceptance.service.js';
import { createReview } from './risk-review.service.js';
import * as tasks from './risk-tasks.service.js';
import * as treatment from './risk-treatment.service.js';

const tags = ['risks'];
const risk = '/api/v1/orgs/:orgId/risks/:riskId';

export const riskTreatmentRoutes: AnyRouteDef[] = [
  defineRoute({
    method: 'GET', url: `${risk}/treatment`, operationId: 'risks.treatment', summary: "A risk's treatment: linked controls, tasks, acceptances (staleness computed now), reviews and cost totals", access: 'risk.read', tags,
    params: ZRiskParams, response: ZRiskTreatment,
    handler: ({ app, call, params }) => treatment.getTreatment(app, call.org!, params.riskId),
  }),
  defineRoute({
    method: 'POST', url: `${risk}/controls`, operationId: 'risks.linkControls', summary: "Link controls (the organization's own or inherited from its group) to the risk's treatment; existing links are kept", access: 'risk.write', tags,
    params: ZRiskParams, body: ZLinkRiskControlsRequest, response: ZRiskTreatment,
    handler: ({ app, call, params, body }) => treatment.linkControls(app, call.org!, call.actor, params.riskId, body.controlIds),
  }),
  defineRoute({
    method: 'DELETE', url: `${risk}/controls/:controlId`, operationId: 'risks.unlinkControl', summary: "Unlink a control from the risk's treatment", access: 'risk.write', tags,
    params: ZRiskControlParams, response: ZRiskTreatment,
    handler: ({ app, call, params }) => treatment.unlinkControl(app, call.org!, call.actor, params.riskId, params.controlId),
  }),
  defineRoute({
    method: 'POST', url: `${risk}/tasks`, operationId: 'risks.createTask', summary: 'Add a treatment task (owner, due date, one-off and yearly cost, status)', access: 'risk.write', tags,
    params: ZRiskParams, body: ZCreateRiskTaskRequest, response: ZRiskTask, successStatus: 201,
    handler: ({ app, call, params, body }) => tasks.createTask(app, call.org!, call.actor, params.riskId, body),
  }),
  defineRoute({
    method: 'PATCH', url: `${risk}/tasks/:taskId`, operationId: 'risks.updateTask', summary: 'Change a treatment task (send the version you read; 409 if it changed meanwhile)', access: 'risk.write', tags,
    params: ZRiskTaskParams, body: ZUpdateRiskTaskRequest, response: ZRiskTask,
    handler: ({ app, call, params, body }) => tasks.updateTask(app, call.org!, call.actor, params.riskId, params.taskId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${risk}/tasks/:taskId`, operationId: 'risks.deleteTask', summary: 'Remove a treatment task (its history stays in the audit trail)', access: 'risk.write', tags,
    params: ZRiskTaskParams, response: ZOk,
    handler: async ({ app, call, params }) => { await tasks.deleteTask(app, call.org!, call.actor, params.riskId, params.taskId); return { ok: true as const }; },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/orgs/:orgId/risk-tasks', operationId: 'risks.taskBoard', summary: "The treatment task board: every task of the organization's risks, paged, filtered and sorted (overdue computed from today)", access: 'risk.read', tags,
    params: ZOrgParams, query: ZRiskTaskListQuery, response: ZPage(ZRiskTask),
    handler: ({ app, call, query }) => tasks.listTasks(app, call.org!, call.principal, query),
  }),
  defineRoute({
    method: 'POST', url: `${risk}/acceptances`, operationId: 'risks.accept', summary: "Accept the risk's level, or sign off a patient-safety risk as the clinical safety officer (append-only)", access: 'risk.accept', tags,
    description:
      "Kind `acceptance`: only a person the method's acceptance criteria allow for the risk's level (its owner, the ISMS manager or top management) may accept; " +
      'a level whose criterion is `never` cannot be accepted; others get 403 with the reason. `expiresOn` is required (after today, at most 3 years ahead). ' +
      'Kind `clinical_sign_off`: only a clinical safety officer, and only for a risk whose patient-safety impact is assessed above the lowest level. ' +
      "`riskVersion` must be the risk's version (409 otherwise). Acceptances are never changed or deleted: a new one supersedes the previous one.",
    params: ZRiskParams, body: ZCreateAcceptanceRequest, response: ZRiskAcceptance, successStatus: 201,
    handler: ({ app, call, params, body }) => createAcceptance(app, call.org!, call.actor, params.riskId, body),
  }),
  defineRoute({
    method: 'POST', url: `${risk}/reviews`, operationId: 'risks.review', summary: "Record a review of the risk (its owner or an ISMS manager); sets the next review from the level's cadence", access: 'risk.write', tags,
    params: ZRiskParams, body: ZCreateRiskReviewRequest, response: ZRiskReview, successStatus: 201,
    handler: ({ app, call, params, body }) => createReview(app, call.org!, call.actor, params.riskId, body),
  }),
];
