/**
 * Admin → Audit log (A.8.15 logging; 45 CFR 164.312(b) audit controls; 164.308(a)(1)(ii)(D) activity
 * review): filtered and paged by the server, times in the organization's zone, every event openable
 * to its recorded details and hash; CSV export of exactly what is filtered; chain verification.
 */
import { Anchor, Button, Code, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconHistory, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { TAuditEvent } from '../../../shared/contracts/audit.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { AUTH_METHOD_LABELS, hasPermission } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { auditCsvUrl, auditEventsQuery } from './audit-api.js';
import { AuditEventDetail, eventLabel } from './audit-event-detail.js';
import { AuditFilters } from './audit-filters.js';
import { auditListQuery, hasAuditFilters, type AuditSearch } from './audit-search.js';
import { ChainPanel } from './chain-panel.js';
import { auditMessages as m, SUBJECT_TYPE_LABELS } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/audit-log');

function AuditTable({ orgId, timeZone, canExport }: { orgId: string; timeZone: string; canExport: boolean }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const request = auditListQuery(search, timeZone);
  const query = useQuery(auditEventsQuery(orgId, request));
  const [selected, setSelected] = useState<TAuditEvent | null>(null);
  // Sort, page and choices push a history entry (Back undoes them); typing replaces it (no entry per key).
  const update = (next: Partial<AuditSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });

  const columns: Column<TAuditEvent, 'seq'>[] = [
    {
      key: 'seq',
      header: m.columns.seq,
      sortField: 'seq',
      width: 80,
      render: (event) => (
        <Anchor component="button" type="button" size="sm" fw={600} onClick={() => setSelected(event)} aria-label={m.showDetails(event.seq)} data-testid="audit-event-open">
          {event.seq}
        </Anchor>
      ),
    },
    {
      key: 'time',
      header: m.columns.time(timeZone),
      render: (event) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(event.occurredAt, timeZone, { seconds: true })}
        </Text>
      ),
    },
    {
      key: 'event',
      header: m.columns.event,
      render: (event) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} data-testid="audit-event-label">
            {eventLabel(event.type)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {event.type}
          </Text>
        </Stack>
      ),
    },
    { key: 'actor', header: m.columns.actor, render: (event) => <Text size="sm">{event.actorLabel}</Text> },
    {
      key: 'method',
      header: m.columns.method,
      render: (event) => (
        <Stack gap={0}>
          <Text size="sm">{AUTH_METHOD_LABELS[event.authMethod] ?? event.authMethod}</Text>
          <Text size="xs" c="dimmed" ff="monospace" data-testid="audit-event-method">
            {event.authMethod}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'subject',
      header: m.columns.subject,
      render: (event) =>
        event.subjectType ? (
          <Tooltip label={event.subjectId ?? ''} disabled={!event.subjectId} withArrow>
            <Text size="sm">
              {SUBJECT_TYPE_LABELS[event.subjectType] ?? event.subjectType} {event.subjectId ? <Code fz="xs">{event.subjectId.slice(0, 8)}</Code> : null}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm">—</Text>
        ),
    },
  ];

  const exportLink = canExport ? (
    <Tooltip label={m.exportCsvHint} withArrow multiline w={260}>
      <Button component="a" href={auditCsvUrl(orgId, request)} download variant="default" size="xs" leftSection={<IconFileSpreadsheet size={16} aria-hidden />} data-testid="audit-export-csv">
        {m.exportCsv}
      </Button>
    </Tooltip>
  ) : null;

  return (
    <>
      <AuditFilters search={search} zone={timeZone} onChange={update} />
      <DataTable
        caption={m.title}
        testId="audit-table"
        minWidth={1040}
        columns={columns}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(event) => event.id}
        rowAttributes={(event) => ({ 'data-event-type': event.type, 'data-auth-method': event.authMethod })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: 'seq', direction: request.direction ?? 'desc' }}
        onSortChange={(sort) => update({ direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        toolbar={exportLink}
        empty={
          hasAuditFilters(search) ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noEventsTitle}
              description={m.noEventsBody}
              action={
                <Button variant="default" onClick={() => update({ actor: undefined, type: undefined, subjectType: undefined, subjectId: undefined, from: undefined, to: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState icon={<IconHistory size={28} aria-hidden />} title={m.emptyTitle} description={m.emptyBody} />
          )
        }
      />
      <AuditEventDetail
        event={selected}
        timeZone={timeZone}
        onClose={() => setSelected(null)}
        onShowSubject={(event) => {
          setSelected(null);
          update({ subjectType: event.subjectType ?? undefined, subjectId: event.subjectId ?? undefined, actor: undefined, type: undefined, from: undefined, to: undefined });
        }}
      />
    </>
  );
}

export function AuditLogPage() {
  const { orgId, membership } = useCurrentOrg();
  const organization = useQuery(organizationQuery(orgId));
  return (
    <>
      <PageHeader eyebrow={m.admin} title={m.title} description={m.description} />
      <ChainPanel orgId={orgId} canVerify={hasPermission(membership, 'audit.verify')} canExport={hasPermission(membership, 'audit.export')} />
      {organization.isPending ? <LoadingState rows={8} /> : null}
      {organization.isError ? <ErrorState error={organization.error} onRetry={() => void organization.refetch()} /> : null}
      {organization.data ? <AuditTable key={orgId} orgId={orgId} timeZone={organization.data.timeZone} canExport={hasPermission(membership, 'audit.export')} /> : null}
    </>
  );
}
