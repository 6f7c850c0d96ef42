/** The frameworks feature's public surface: its pages and URL-state validator. */
export { FrameworksPage } from './frameworks-page.js';
export { FrameworkBrowserPage } from './framework-browser-page.js';
export { validateFrameworkBrowserSearch } from './framework-search.js';
