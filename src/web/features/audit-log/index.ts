/** The audit-log feature's public surface. */
export { auditEventsQuery, auditVerifyQuery } from './audit-api.js';
export { AuditLogPage } from './audit-log-page.js';
export { eventLabel } from './audit-event-detail.js';
export { validateAuditSearch, type AuditSearch } from './audit-search.js';
export { ChainResult } from './chain-panel.js';
export { auditMessages } from './messages.js';
export { SubjectHistory, type HistoryVocabulary } from './subject-history.js';
