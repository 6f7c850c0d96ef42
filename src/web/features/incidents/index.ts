/**
 * The incidents feature's public surface: the register, report form, incident detail, settings, the
 * HHS breach log and the what-if breach clock (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.400–414).
 */
export { BreachClockPage } from './breach-clock-page.js';
export { HhsLogPage } from './hhs-log-page.js';
export { OpenClocksTile } from './open-clocks-tile.js';
export { IncidentDetailPage } from './incident-detail-page.js';
export { IncidentRegisterPage } from './incident-register-page.js';
export { IncidentSettingsPage } from './incident-settings-page.js';
export { ReportIncidentPage } from './report-incident-page.js';
export { validateIncidentDetailSearch, validateIncidentSearch, type IncidentSearch } from './incident-search.js';
export { incidentKeys, invalidateIncidents } from './incidents-api.js';
export { incidentMessages } from './messages.js';
