/** The overview feature's public surface. */
export { overviewMessages } from './messages.js';
export { OverviewPage } from './overview-page.js';
