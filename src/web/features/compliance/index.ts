/** The compliance feature's public surface: the HIPAA page, the readiness dashboard, comply once and the overview tile. */
export { ComplyOncePage } from './comply-once-page.js';
export { HipaaPage } from './hipaa-page.js';
export { complianceMessages } from './messages.js';
export { ReadinessPage } from './readiness-page.js';
export { validateReadinessSearch, type ReadinessSearch } from './readiness-search.js';
export { ReadinessTile } from './readiness-tile.js';
