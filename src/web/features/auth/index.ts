/** The auth feature's public surface: the session, sign-in page and sign-out. */
export { AUTH_METHOD_LABELS, authMessages } from './messages.js';
export { defaultOrganizationId, hasPermission, orderedMemberships, rememberOrganization, sessionQueryOptions, useSession, useSignOut, type Membership } from './session.js';
export { SignInPage, safeRedirect } from './sign-in-page.js';
