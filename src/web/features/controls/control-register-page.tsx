/**
 * Do → Controls: the register (ISO/IEC 27001:2022 6.1.3, 8.1; 45 CFR 164.308(a)(1)(ii)(B)). Paged, sorted and
 * filtered by the server with the state in the URL. At a site, the group's inheritable controls appear
 * read-only. The healthcare starter library is adopted from here (asked first), now or later.
 */
import { Button, Group } from '@mantine/core';
import { IconBooks, IconPlus, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { DataTable } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { LinkButton } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { AdoptStarterDialog } from './adopt-starter-dialog.js';
import { controlColumns } from './control-columns.js';
import { ControlFilters } from './control-filters.js';
import { CLEARED_FILTERS, controlListQuery, hasControlFilters, type ControlSearch } from './control-search.js';
import { controlsQuery } from './controls-api.js';
import { controlMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/controls');

export function ControlRegisterPage() {
  const { orgId, membership } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const organization = useQuery(organizationQuery(orgId)).data;
  const request = controlListQuery(search);
  const query = useQuery(controlsQuery(orgId, request));
  const canWrite = hasPermission(membership, 'control.write');
  const [isAdopting, setAdopting] = useState(false);
  const update = (next: Partial<ControlSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });

  const adoptButton = (variant: 'default' | 'filled', testId = 'control-adopt-starter') =>
    canWrite ? (
      <Button variant={variant} leftSection={<IconBooks size={16} aria-hidden />} onClick={() => setAdopting(true)} data-testid={testId}>
        {m.adoptStarter}
      </Button>
    ) : null;
  const addButton = (variant: 'default' | 'filled', testId = 'control-add') =>
    canWrite ? (
      <LinkButton to="/o/$orgId/controls/new" params={{ orgId }} variant={variant} leftSection={<IconPlus size={16} aria-hidden />} data-testid={testId}>
        {m.addControl}
      </LinkButton>
    ) : null;

  return (
    <>
      <PageHeader
        eyebrow={m.area}
        title={m.registerTitle}
        description={m.registerDescription}
        actions={
          <>
            {adoptButton('default')}
            {addButton('filled')}
          </>
        }
      />
      <ControlFilters search={search} hasParent={Boolean(organization?.parentId)} onChange={update} />
      <DataTable
        caption={m.registerTitle}
        testId="control-table"
        minWidth={1300}
        columns={controlColumns(orgId)}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(control) => control.id}
        rowAttributes={(control) => ({ 'data-control-code': control.code })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'code', direction: request.direction ?? 'asc' }}
        onSortChange={(sort) => update({ sort: sort.field, direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={
          hasControlFilters(search) ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noMatchTitle}
              description={m.noMatchBody}
              action={
                <Button variant="default" onClick={() => update({ ...CLEARED_FILTERS, page: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconShieldCheck size={28} aria-hidden />}
              title={m.emptyTitle}
              description={m.emptyBody}
              testId="control-empty"
              action={
                canWrite ? (
                  <Group gap="sm" justify="center">
                    {adoptButton('filled', 'control-empty-adopt')}
                    {addButton('default', 'control-empty-add')}
                  </Group>
                ) : null
              }
            />
          )
        }
      />
      {canWrite ? <AdoptStarterDialog orgId={orgId} opened={isAdopting} onClose={() => setAdopting(false)} /> : null}
    </>
  );
}
