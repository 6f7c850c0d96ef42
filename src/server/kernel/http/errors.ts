/**
 * One place turns any thrown error into the API's error body. A user's mistake is a 4xx naming the field;
 * storage failures are 503 (nothing was written: the transaction rolled back); anything else is a 500
 * that shows only the request id. Stack traces and SQL never reach a client (A.8.28 secure coding).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ApiErrorBody, type ApiIssue, type ErrorCode } from '../../../shared/errors.js';
import { AppError } from '../errors.js';

const STORAGE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_LOCKED', 'ENOSPC', 'EIO', 'EROFS', 'ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53100', '53200', '08006', '08001', '08003']);

function issuePath(context: string | undefined, instancePath: string): string {
  const tail = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const head = context === 'querystring' ? 'query' : (context ?? 'body');
  return tail ? `${head}.${tail}` : head;
}

function body(code: ErrorCode, message: string, requestId: string, issues?: ApiIssue[]): ApiErrorBody {
  return { error: { code, message, requestId, ...(issues && issues.length ? { issues } : {}) } };
}

export function errorToResponse(error: unknown, request: FastifyRequest): { status: number; payload: ApiErrorBody } {
  const requestId = String(request.id);
  if (error instanceof AppError) {
    return { status: error.status, payload: body(error.code, error.message, requestId, error.issues) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError & { validationContext?: string }).validationContext;
    const issues = error.validation.map((v) => ({ path: issuePath(context, v.instancePath), message: v.message ?? 'is invalid' }));
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return { status: 400, payload: body('validation_failed', message, requestId, issues) };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its contract');
    return { status: 500, payload: body('internal', 'internal error; quote the request id to support', requestId) };
  }
  const e = error as FastifyError & { code?: string; errno?: number };
  if (e && typeof e === 'object' && typeof e.code === 'string' && STORAGE_CODES.has(e.code)) {
    request.log.error({ err: error }, 'storage unavailable');
    return { status: 503, payload: body('unavailable', 'storage is unavailable; nothing was written, try again later', requestId) };
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      const text = limit >= 1024 * 1024 ? `${Math.round((limit / (1024 * 1024)) * 10) / 10} MB` : `${limit} bytes`;
      return { status: 413, payload: body('payload_too_large', `body: is larger than the limit of ${text}`, requestId) };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, payload: body('unsupported_media_type', 'body: content type is not supported; send application/json', requestId) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, payload: body('validation_failed', 'body: is required', requestId, [{ path: 'body', message: 'is required' }]) };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, payload: body('validation_failed', 'body: is not valid JSON', requestId, [{ path: 'body', message: 'is not valid JSON' }]) };
    default:
      break;
  }
  if (e && typeof e.statusCode === 'number' && e.statusCode === 429) {
    return { status: 429, payload: body('rate_limited', 'too many requests; try again later', requestId) };
  }
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors (bad JSON, bad content length…): safe, generic wording.
    const code: ErrorCode = e.statusCode === 404 ? 'not_found' : e.statusCode === 413 ? 'payload_too_large' : e.statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
    const message = e instanceof SyntaxError ? 'body: is not valid JSON' : 'request: is malformed';
    return { status: ERROR_STATUS[code], payload: body(code, message, requestId) };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, payload: body('internal', 'internal error; quote the request id to support', requestId) };
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, payload } = errorToResponse(error, request);
  return reply.status(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(payload);
}
