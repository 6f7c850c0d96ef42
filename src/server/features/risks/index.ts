/** The risk register: the organization's method, threats and vulnerabilities, risks, treatment, acceptance, reviews, heat maps. */
import { onHousekeeping, onOrganizationCreated } from '../../kernel/hooks.js';
import type { Feature } from '../../kernel/http/route.js';
import { seedDefaultMethod } from './risk-method.store.js';
import { riskMethodRoutes } from './risk-method.routes.js';
import { riskRoutes } from './risk.routes.js';
import { riskTreatmentRoutes } from './risk-treatment.routes.js';
import { riskIoRoutes } from './risk-io.routes.js';
import { takeMonthlySnapshots } from './risk-snapshots.js';

onOrganizationCreated(seedDefaultMethod);
// The monthly level snapshots behind the trend charts (idempotent: every app node may take them).
onHousekeeping('risk level snapshots', takeMonthlySnapshots);

export const risksFeature: Feature = { name: 'risks', routes: [...riskMethodRoutes, ...riskRoutes, ...riskTreatmentRoutes, ...riskIoRoutes] };
export { currentMethod, methodVersions } from './risk-method.store.js';
export { exportRisks, exportTreatmentPlan, registerRecords, renderRegister, type RiskFileDownload } from './risk-export.service.js';
export { importRisks, type RiskImportOptions } from './risk-import.service.js';
export { RISK_FILE_FORMATS, type RiskFileFormat } from './risk-io.js';
// Treatment, acceptance and review services, for the demo data (src/server/features/demo/demo-risks.ts).
export { createTask } from './risk-tasks.service.js';
export { createAcceptance } from './risk-acceptance.service.js';
export { createReview } from './risk-review.service.js';
export { linkControls } from './risk-treatment.service.js';
export { createRisk, updateRisk, deleteRisk, getRisk, listRisks, riskInputIssues, stageIssues, organizationToday, dateIn, type CreateRiskInput, type UpdateRiskInput, type RiskIssue } from './risk.service.js';
export { saveMethodVersion, previewMethodChange } from './risk-method.service.js';
export { getHeatmap } from './risk-heatmap.service.js';
export { takeMonthlySnapshots } from './risk-snapshots.js';
export { addCatalogueEntry, builtinCatalogue } from './risk-catalogue.service.js';
