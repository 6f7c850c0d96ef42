/**
 * Plan → Risks: the risk register (ISO/IEC 27001:2022 6.1.2 e, 8.2; 45 CFR 164.308(a)(1)(ii)(A)).
 * Paged, sorted and filtered by the server with the state in the URL; column choice kept in this
 * browser; the register and the risk treatment plan (6.1.3 e, 8.3) download in their formats.
 */
import { Button, Group, Menu } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseImport, IconFileCertificate, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { RISK_EXPORT_FORMATS } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { DataTable } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ExportMenu } from '../../ui/export-menu.js';
import { LinkButton } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission, useSession } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { riskImportMessages } from './import-messages.js';
import { riskMessages as m } from './messages.js';
import { RiskColumnChooser, riskColumns, useRiskColumnChoice } from './risk-columns.js';
import { RiskFilters } from './risk-filters.js';
import { useRiskMethod } from './risk-method-api.js';
import { CLEARED_RISK_FILTERS, hasRiskFilters, riskListQuery, type RiskSearch } from './risk-search.js';
import { riskExportUrl, risksQuery, treatmentPlanUrl } from './risks-api.js';

const route = getRouteApi('/_authed/o/$orgId/risks');

function RiskExportMenu({ orgId }: { orgId: string }) {
  const links = RISK_EXPORT_FORMATS.map((format) => ({ format, href: riskExportUrl(orgId, format), label: m.exportAs(format.toUpperCase()) }));
  return (
    <ExportMenu label={m.export} hint={m.exportHint} testId="risk-export" links={links}>
      <Menu.Divider />
      <Menu.Label>{m.treatmentPlan}</Menu.Label>
      {(['pdf', 'xlsx'] as const).map((format) => (
        <Menu.Item key={format} component="a" href={treatmentPlanUrl(orgId, format)} download leftSection={<IconFileCertificate size={14} aria-hidden />} data-testid={`risk-treatment-plan-${format}`}>
          {m.treatmentPlanAs(format.toUpperCase())}
        </Menu.Item>
      ))}
    </ExportMenu>
  );
}

export function RiskRegisterPage() {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const organization = useQuery(organizationQuery(orgId)).data;
  const method = useRiskMethod(orgId).data;
  const hasSites = (organization?.sites.length ?? 0) > 0;
  const request = riskListQuery(search, { hasSites });
  const query = useQuery(risksQuery(orgId, request));
  const canWrite = hasPermission(membership, 'risk.write');
  const [visible, setVisible] = useRiskColumnChoice();
  const openable = useMemo(() => new Set(session.memberships.map((item) => item.organizationId)), [session.memberships]);
  const sites = organization && hasSites ? [{ id: organization.id, name: organization.name }, ...organization.sites] : [];

  // Sort, page and choices push a history entry (Back undoes them); typing replaces it (no entry per key).
  const update = (next: Partial<RiskSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });
  const columns = riskColumns({ visible, timeZone: membership.timeZone, showSite: request.includeSites === 'yes', openable });

  const importButton = canWrite ? (
    <LinkButton to="/o/$orgId/risks/import" params={{ orgId }} variant="default" leftSection={<IconDatabaseImport size={16} aria-hidden />} data-testid="risk-import">
      {riskImportMessages.import}
    </LinkButton>
  ) : null;
  const newButton = canWrite ? (
    <LinkButton to="/o/$orgId/risks/new" params={{ orgId }} leftSection={<IconPlus size={16} aria-hidden />} data-testid="risk-add">
      {m.newRisk}
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        eyebrow={m.plan}
        title={m.registerTitle}
        description={m.registerDescription}
        actions={
          <>
            <RiskExportMenu orgId={orgId} />
            {importButton}
            {newButton}
          </>
        }
      />
      <RiskFilters search={search} levels={method?.method.levels ?? []} sites={sites} onChange={update} />
      <DataTable
        caption={m.registerTitle}
        testId="risk-table"
        minWidth={1200}
        columns={columns}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(risk) => risk.id}
        rowAttributes={(risk) => ({ 'data-risk-ref': risk.ref, 'data-risk-id': risk.id })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'ref', direction: request.direction ?? 'asc' }}
        onSortChange={(sort) => update({ sort: sort.field, direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        toolbar={<RiskColumnChooser visible={visible} onChange={setVisible} />}
        empty={
          hasRiskFilters(search) ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noMatchTitle}
              description={m.noMatchBody}
              action={
                <Button variant="default" onClick={() => update({ ...CLEARED_RISK_FILTERS, page: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconAlertTriangle size={28} aria-hidden />}
              title={m.emptyTitle}
              description={m.emptyBody}
              testId="risk-empty"
              action={
                canWrite ? (
                  <Group gap="sm" justify="center">
                    <LinkButton to="/o/$orgId/risks/new" params={{ orgId }} leftSection={<IconPlus size={16} aria-hidden />}>
                      {m.newRisk}
                    </LinkButton>
                    {hasPermission(membership, 'asset.read') ? (
                      <LinkButton to="/o/$orgId/gaps" params={{ orgId }} variant="default">
                        {m.openGaps}
                      </LinkButton>
                    ) : null}
                  </Group>
                ) : null
              }
            />
          )
        }
      />
    </>
  );
}
