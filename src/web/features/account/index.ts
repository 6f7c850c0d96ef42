/** The account feature's public surface. */
export { ACCOUNT_TABS, AccountPage, type AccountTab } from './account-page.js';
export { accountMessages } from './messages.js';
export { MfaEnrolmentGate } from './mfa-gate.js';
