/**
 * Stable error codes shared by the API, the web client and the CLI.
 * One table maps each code to its HTTP status; messages are safe to show to a user.
 */
export const ERROR_STATUS = {
  validation_failed: 400, // the request did not match its contract; `issues` name each field
  bad_request: 400, // a request that is well-formed but cannot be carried out as asked
  unauthenticated: 401, // no valid session or token
  mfa_required: 401, // password accepted, second factor still needed
  invalid_credentials: 401, // wrong e-mail/password or code (never says which)
  csrf_failed: 403, // cookie-authenticated mutation without a valid X-CSRF-Token
  permission_denied: 403, // signed in, but the role does not grant this permission
  mfa_enrolment_required: 403, // the organization requires MFA and the user has none
  not_found: 404, // absent, or not visible to the caller (existence never leaks)
  conflict: 409, // uniqueness or state conflict
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423, // account temporarily locked after repeated failures
  rate_limited: 429,
  internal: 500, // never carries details; the request id is the correlation
  unavailable: 503, // database or disk unavailable; nothing was written
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiIssue {
  /** Dotted path of the offending field, e.g. `body.email`. */
  path: string;
  message: string;
}

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    issues?: ApiIssue[];
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value);
}
