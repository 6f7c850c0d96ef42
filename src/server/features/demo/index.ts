/** Demo data for the quick start. */
export { loadDemo, isDatabaseEmpty, DEMO_DOMAIN, type DemoCredential } from './demo.service.js';
