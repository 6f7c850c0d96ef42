/** Audit log state in the URL: filters, direction and page (shareable, back-button safe). */
import { AUDIT_EVENT_TYPE_LIST, type AuditEventType } from '../../../shared/audit-events.js';
import { ZAuditListQuery, type TAuditListQuery } from '../../../shared/contracts/audit.js';
import { dayBoundary } from '../../kernel/format.js';
import { readDate, readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export interface AuditSearch {
  page?: number;
  pageSize?: number;
  actor?: string;
  type?: AuditEventType;
  subjectType?: string;
  subjectId?: string;
  /** Days (YYYY-MM-DD) in the organization's time zone. */
  from?: string;
  to?: string;
  direction?: SortDirection;
}

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    actor: readText(raw.actor, 254),
    type: readEnum(raw.type, AUDIT_EVENT_TYPE_LIST),
    subjectType: readText(raw.subjectType, 64),
    subjectId: readText(raw.subjectId, 64),
    from: readDate(raw.from),
    to: readDate(raw.to),
    direction: readEnum(raw.direction, ['asc', 'desc'] as const),
  };
}

export function hasAuditFilters(search: AuditSearch): boolean {
  return Boolean(search.actor || search.type || search.subjectType || search.subjectId || search.from || search.to);
}

/** The filters as the API takes them: days become instants in the organization's zone ("to" includes the whole day). */
export function auditFilters(search: AuditSearch, timeZone: string): Pick<TAuditListQuery, 'actor' | 'type' | 'subjectType' | 'subjectId' | 'from' | 'to'> {
  return {
    actor: search.actor,
    type: search.type,
    subjectType: search.subjectType,
    subjectId: search.subjectId,
    from: search.from ? dayBoundary(search.from, timeZone, 'start') : undefined,
    to: search.to ? new Date(new Date(dayBoundary(search.to, timeZone, 'end')).getTime() - 1).toISOString() : undefined,
  };
}

export function auditListQuery(search: AuditSearch, timeZone: string): Partial<TAuditListQuery> {
  const defaults = ZAuditListQuery.parse({});
  return {
    ...auditFilters(search, timeZone),
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    direction: search.direction ?? defaults.direction,
  };
}
