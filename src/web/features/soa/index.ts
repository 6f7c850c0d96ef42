/** The Statement of Applicability feature's public surface: its page and URL-state validator. */
export { SoaPage } from './soa-page.js';
export { validateSoaSearch, type SoaSearch } from './soa-search.js';
export { soaMessages } from './messages.js';
