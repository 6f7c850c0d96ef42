/** The controls feature's public surface: its pages and URL-state validators. */
export { ControlDetailPage } from './control-detail-page.js';
export { ControlCreatePage, ControlEditPage } from './control-form-page.js';
export { ControlRegisterPage } from './control-register-page.js';
export { validateControlDetailSearch, validateControlSearch, type ControlSearch } from './control-search.js';
export { controlsQuery, controlKeys } from './controls-api.js';
export { StatusBadge, EffectivenessBadge } from './control-badges.js';
export { controlMessages } from './messages.js';
