/** The frameworks feature's public surface: its pages, URL-state validator, queries and badges. */
export { FrameworksPage } from './frameworks-page.js';
export { FrameworkBrowserPage } from './framework-browser-page.js';
export { validateFrameworkBrowserSearch, type FrameworkBrowserSearch } from './framework-search.js';
export { frameworksQuery, requirementQuery, requirementsQuery, frameworkKeys } from './frameworks-api.js';
export { ObligationBadge, ProvenanceBadge, OriginBadge } from './framework-badges.js';
export { frameworkMessages } from './messages.js';
