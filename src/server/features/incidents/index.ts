/**
 * Incidents and the dual HIPAA/GDPR breach clock (issue 6): the what-if calculator, the incident register
 * with its workflow, timeline, communications, follow-up actions and retention (A.5.24–A.5.28;
 * 164.308(a)(6), 164.530(j)), and the breach side — assessment, obligations, clocks, HHS log and
 * notification drafts (164.400–414; GDPR Arts. 33, 34) — all on one engine (`src/shared/breach-clock.ts`).
 */
import type { Feature } from '../../kernel/http/route.js';
import { registerEncryptedColumn } from '../../kernel/crypto/rotation.js';
import { breachClockRoutes } from './breach-clock.routes.js';
import { INCIDENT_ENVELOPE_COLUMNS } from './incident-crypto.js';
import { incidentRoutes } from './incident.routes.js';
import { breachRoutes } from './breach.routes.js';

// Every envelope column is re-wrapped when the master key rotates.
for (const column of INCIDENT_ENVELOPE_COLUMNS) registerEncryptedColumn(column);

export const incidentsFeature: Feature = { name: 'incidents', routes: [...breachClockRoutes, ...incidentRoutes, ...breachRoutes] };

// The services the demo data and the `custos incidents` CLI call (helper D).
export { createIncident, listIncidents, reportIncident, transitionIncident, updateIncident } from './incident.service.js';
export { recordCommunication } from './incident-communications.service.js';
export { createAction } from './incident-actions.service.js';
export { addTimelineEntry } from './incident-timeline.service.js';
export { getSettings, saveSettings } from './incident-settings.service.js';
export { saveAssessment } from './breach-assessment.service.js';
export { listOpenClocks } from './incident-clocks.service.js';
export { exportHhsLog, getHhsLog, type HhsLogFormat } from './hhs-log.service.js';
export { EXPORT_MAX, exportIncidentRegister, type IncidentExportFormat } from './incident-export.service.js';
export { createDraft } from './notification-drafts.service.js';
