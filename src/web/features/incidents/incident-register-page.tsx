/**
 * Do → Incidents: the incident register (ISO/IEC 27001:2022 A.5.24–A.5.26; 45 CFR 164.308(a)(6)(ii)).
 * Paged, sorted and filtered by the server with the state in the URL; each row shows the breach
 * conclusions and the open notification clocks with a countdown to the next due one.
 */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { IconAlertSquareRounded, IconSearch, IconSpeakerphone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ChangeEvent } from 'react';
import { INCIDENT_CATEGORIES, type TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useUrlText } from '../../kernel/url-text.js';
import { DataTable } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ExportMenu } from '../../ui/export-menu.js';
import { LinkButton } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission, useSession } from '../auth/index.js';
import { useNow } from './incident-badges.js';
import { IncidentColumnChooser, incidentColumns, useIncidentColumnChoice } from './incident-columns.js';
import { useMemberOptions } from './incident-form-pickers.js';
import { ARCHIVED_FILTERS, BREACH_FILTERS, CLEARED_INCIDENT_FILTERS, CLOCK_FILTERS, hasIncidentFilters, incidentListQuery, type IncidentSearch } from './incident-search.js';
import { INCIDENT_EXPORT_FORMATS, incidentExportUrl, incidentSettingsQuery, incidentsQuery, type IncidentListRequest } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/incidents');
const m = incidentMessages.register;

type Update = (next: Partial<IncidentSearch>, options?: { replace?: boolean }) => void;

function IncidentFilters({ search, levels, onChange }: { search: IncidentSearch; levels: readonly TSeverityLevel[]; onChange: Update }) {
  const session = useSession();
  const people = useMemberOptions();
  const [q, setQ] = useUrlText(search.q, (value) => onChange({ q: value, page: undefined }, { replace: true }));
  const choose =
    <K extends keyof IncidentSearch>(key: K) =>
    (event: ChangeEvent<HTMLSelectElement>) =>
      onChange({ [key]: event.currentTarget.value || undefined, page: undefined } as Partial<IncidentSearch>);
  const handlerOptions = [
    { value: '', label: m.anyHandler },
    { value: 'none', label: m.noHandler },
    { value: session.user.id, label: incidentMessages.me },
    ...people.filter((option) => option.value !== session.user.id),
    ...(search.handler && search.handler !== 'none' && search.handler !== session.user.id && !people.some((option) => option.value === search.handler) ? [{ value: search.handler, label: m.handler }] : []),
  ];
  const severityOptions = [{ value: '', label: m.anySeverity }, ...levels.map((level) => ({ value: level.key, label: level.label })), ...(search.severity && !levels.some((level) => level.key === search.severity) ? [{ value: search.severity, label: search.severity }] : [])];
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput label={m.search} placeholder={m.searchPlaceholder} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(event) => setQ(event.currentTarget.value)} w={220} data-testid="incident-search" />
      <NativeSelect
        label={m.status}
        value={search.status ?? ''}
        data={[{ value: '', label: m.anyStatus }, { value: 'open', label: m.openStatus }, ...Object.entries(incidentMessages.statuses).map(([value, label]) => ({ value, label }))]}
        onChange={choose('status')}
        w={170}
        data-testid="incident-filter-status"
      />
      <NativeSelect label={m.category} value={search.category ?? ''} data={[{ value: '', label: m.anyCategory }, ...INCIDENT_CATEGORIES.map((value) => ({ value, label: incidentMessages.categories[value] }))]} onChange={choose('category')} w={200} data-testid="incident-filter-category" />
      <NativeSelect label={m.severity} value={search.severity ?? ''} data={severityOptions} onChange={choose('severity')} w={140} data-testid="incident-filter-severity" />
      <NativeSelect label={m.handler} value={search.handler ?? ''} data={handlerOptions} onChange={choose('handler')} w={180} data-testid="incident-filter-handler" />
      <NativeSelect label={m.breach} value={search.breach ?? ''} data={[{ value: '', label: m.anyBreach }, ...BREACH_FILTERS.map((value) => ({ value, label: m.breachOptions[value] }))]} onChange={choose('breach')} w={190} data-testid="incident-filter-breach" />
      <NativeSelect label={m.clocks} value={search.clocks ?? ''} data={[{ value: '', label: m.anyClocks }, ...CLOCK_FILTERS.map((value) => ({ value, label: m.clockOptions[value] }))]} onChange={choose('clocks')} w={180} data-testid="incident-filter-clocks" />
      <NativeSelect
        label={m.archived}
        value={search.archived ?? 'exclude'}
        data={ARCHIVED_FILTERS.map((value) => ({ value, label: m.archivedOptions[value] }))}
        onChange={(event) => onChange({ archived: event.currentTarget.value === 'exclude' ? undefined : (event.currentTarget.value as IncidentSearch['archived']), page: undefined })}
        w={160}
        data-testid="incident-filter-archived"
      />
      {hasIncidentFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange({ ...CLEARED_INCIDENT_FILTERS, page: undefined })} data-testid="incident-clear-filters">
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}

/** The register as a file: each link carries the filters and sort of the list shown, never its page. */
function IncidentExportMenu({ orgId, request }: { orgId: string; request: Partial<IncidentListRequest> }) {
  const links = INCIDENT_EXPORT_FORMATS.map((format) => ({ format, href: incidentExportUrl(orgId, request, format), label: m.exportAs(format.toUpperCase()) }));
  return <ExportMenu label={m.export} hint={m.exportHint} testId="incident-export" links={links} />;
}

export function IncidentRegisterPage() {
  const { orgId, membership } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const request = incidentListQuery(search);
  const query = useQuery(incidentsQuery(orgId, request));
  const levels = useQuery(incidentSettingsQuery(orgId)).data?.severities ?? [];
  const now = useNow();
  const [visible, setVisible] = useIncidentColumnChoice();
  const canReport = hasPermission(membership, 'incident.report');
  // Sort, page and choices push a history entry (Back undoes them); typing replaces it.
  const update: Update = (next, options) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });
  const actions = (
    <>
      <IncidentExportMenu orgId={orgId} request={request} />
      {canReport ? (
        <LinkButton to="/o/$orgId/report-incident" params={{ orgId }} leftSection={<IconSpeakerphone size={16} aria-hidden />} data-testid="incident-report">
          {m.report}
        </LinkButton>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader eyebrow={incidentMessages.do} title={m.title} description={m.description} actions={actions} />
      <IncidentFilters search={search} levels={levels} onChange={update} />
      <DataTable
        caption={m.title}
        testId="incident-table"
        minWidth={1250}
        columns={incidentColumns({ visible, orgId, timeZone: membership.timeZone, levels, now })}
        toolbar={<IncidentColumnChooser visible={visible} onChange={setVisible} />}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(incident) => incident.id}
        rowAttributes={(incident) => ({ 'data-incident-ref': incident.ref, 'data-incident-id': incident.id })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'reportedAt', direction: request.dir ?? 'desc' }}
        onSortChange={(sort) => update({ sort: sort.field, dir: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={
          hasIncidentFilters(search) ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noMatchTitle}
              description={m.noMatchBody}
              action={
                <Button variant="default" onClick={() => update({ ...CLEARED_INCIDENT_FILTERS, page: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconAlertSquareRounded size={28} aria-hidden />}
              title={m.emptyTitle}
              description={m.emptyBody}
              testId="incident-empty"
              action={
                canReport ? (
                  <LinkButton to="/o/$orgId/report-incident" params={{ orgId }} leftSection={<IconSpeakerphone size={16} aria-hidden />}>
                    {m.report}
                  </LinkButton>
                ) : null
              }
            />
          )
        }
      />
    </>
  );
}
