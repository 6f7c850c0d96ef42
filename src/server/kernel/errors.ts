/** The one error type. Services throw it; the HTTP layer maps `code` to its status (src/shared/errors.ts). */
import { ERROR_STATUS, type ApiIssue, type ErrorCode } from '../../shared/errors.js';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A validation error on one field, worded `<field>: <problem>` like every other. */
export function fieldError(path: string, problem: string): AppError {
  return new AppError('validation_failed', `${path}: ${problem}`, [{ path, message: problem }]);
}

export function notFound(what = 'record'): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
