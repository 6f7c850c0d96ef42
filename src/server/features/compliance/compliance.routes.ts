/** HIPAA Security Rule view and decisions, readiness per framework and section, and "comply once" routes. */
import {
  ZComplyOnce,
  ZHipaaDecisionHistory,
  ZHipaaRefParams,
  ZHipaaSpecification,
  ZHipaaView,
  ZReadiness,
  ZReadinessDrill,
  ZReadinessDrillQuery,
  ZReadinessQuery,
  ZRecordHipaaDecisionRequest,
} from '../../../shared/contracts/compliance.js';
import { ZOrgParams } from '../../../shared/contracts/common.js';
import { ZControlParams } from '../../../shared/contracts/controls.js';
import { ZFrameworkParams } from '../../../shared/contracts/frameworks.js';
import { defineRoute } from '../../kernel/http/route.js';
import { getComplyOnce } from './comply-once.service.js';
import * as hipaa from './hipaa.service.js';
import * as readiness from './readiness.service.js';

const tags = ['compliance'];
const base = '/api/v1/orgs/:orgId';

export const complianceRoutes = [
  defineRoute({
    method: 'GET', url: `${base}/hipaa`, operationId: 'compliance.hipaaView', summary: 'The HIPAA Security Rule by safeguard, standard and implementation specification, with derived status and addressable decisions', access: 'control.read', tags,
    params: ZOrgParams, response: ZHipaaView,
    handler: ({ app, call }) => hipaa.getHipaaView(app, call.org!),
  }),
  defineRoute({
    method: 'PUT', url: `${base}/hipaa/specifications/:ref/decision`, operationId: 'compliance.recordHipaaDecision', summary: 'Record (or replace) the 164.306(d)(3) decision for an addressable implementation specification', access: 'hipaa.decide', tags,
    description: 'Required specifications can only be implemented and answer 409. `alternative` needs `alternativeMeasure` and at least one control of this organization (or inherited from its group); every decision needs `rationale` and `riskAnalysisRef`.',
    params: ZHipaaRefParams, body: ZRecordHipaaDecisionRequest, response: ZHipaaSpecification,
    handler: ({ app, call, params, body }) => hipaa.recordHipaaDecision(app, call.org!, call.actor, params.ref, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/hipaa/specifications/:ref/history`, operationId: 'compliance.hipaaDecisionHistory', summary: 'The decisions recorded for a specification over time, read from the audit trail', access: 'control.read', tags,
    params: ZHipaaRefParams, response: ZHipaaDecisionHistory,
    handler: ({ app, call, params }) => hipaa.hipaaDecisionHistory(app, call.org!, params.ref),
  }),
  defineRoute({
    method: 'GET', url: `${base}/readiness`, operationId: 'compliance.readiness', summary: 'Readiness per framework and section (and per site for a group), computed from controls, the SoA and HIPAA decisions', access: 'control.read', tags,
    params: ZOrgParams, query: ZReadinessQuery, response: ZReadiness,
    handler: ({ app, call, query }) => readiness.getReadiness(app, call.org!, call.principal, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/readiness/frameworks/:frameworkId/requirements`, operationId: 'compliance.readinessDrill', summary: 'The requirements behind a section\'s figures, with their controls and evidence', access: 'control.read', tags,
    params: ZFrameworkParams, query: ZReadinessDrillQuery, response: ZReadinessDrill,
    handler: ({ app, call, params, query }) => readiness.getReadinessDrill(app, call.org!, params.frameworkId, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/readiness/controls/:controlId`, operationId: 'compliance.complyOnce', summary: 'Every requirement a control satisfies across frameworks: directly linked and via the crosswalk', access: 'control.read', tags,
    params: ZControlParams, response: ZComplyOnce,
    handler: ({ app, call, params }) => getComplyOnce(app, call.org!, params.controlId),
  }),
];
