/** The incidents feature's public surface (so far the what-if breach clock). */
export { BreachClockPage } from './breach-clock-page.js';
export { incidentMessages } from './messages.js';
