import type { AUTH_METHODS } from '../../../shared/audit-events.js';
/** Sign-in text (one place, ready for translation). */
export const authMessages = {
  productName: 'Custos',
  tagline: 'Information security management for healthcare',
  signInTitle: 'Sign in',
  signInIntro: 'Use the e-mail address and password your administrator gave you.',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  mfaTitle: 'Two-factor authentication',
  mfaIntro: 'Enter the 6-digit code from your authenticator app. If you have lost your phone, enter one of your recovery codes instead.',
  mfaCode: 'Authentication code or recovery code',
  mfaCodeHint: 'Codes change every 30 seconds; each can be used once.',
  verify: 'Verify and sign in',
  startAgain: 'Use a different account',
  failedTitle: 'Sign-in failed',
  codeRefused: 'That code was not accepted. Enter the current code from your app, or an unused recovery code.',
  lockedTitle: 'Account temporarily locked',
  rateLimitedTitle: 'Too many attempts',
  expiredTitle: 'Sign-in expired',
  signedOut: 'You have signed out. Close the browser if this is a shared computer.',
  sessionEnded: 'Your session ended. Sign in again to continue where you were.',
  loggedNotice: 'Every sign-in, successful or not, is recorded in the audit trail.',
  signOut: 'Sign out',
  signingOut: 'Signing out…',
} as const;

/** How a person or process proved who they were (AUTH_METHODS in shared/audit-events). */
export const AUTH_METHOD_LABELS: Readonly<Record<string, string | undefined>> = {
  password: 'Password',
  password_mfa: 'Password and authenticator code',
  recovery_code: 'Password and recovery code',
  api_token: 'API token',
  cli: 'Command line',
  system: 'System',
  none: 'Not signed in',
} satisfies Record<(typeof AUTH_METHODS)[number], string>;
