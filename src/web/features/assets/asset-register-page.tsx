/**
 * Plan → Assets: the register (A.5.9 inventory; 45 CFR 164.308(a)(1)(ii)(A) starts from it). Paged,
 * sorted and filtered by the server with the state in the URL; column choice kept in this browser;
 * bulk change of owner or classification for the selected rows the API lets me change (`abilities`).
 */
import { Button, Checkbox, Group, Text } from '@mantine/core';
import { IconDatabaseImport, IconPlus, IconSearch, IconServer2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { ASSET_FILE_FORMATS, type TAsset } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ExportMenu } from '../../ui/export-menu.js';
import { LinkButton } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission, useSession } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { AssetColumnChooser, assetColumns, useAssetColumnChoice } from './asset-columns.js';
import { AssetFilters } from './asset-filters.js';
import { assetExportFilters, assetListQuery, CLEARED_FILTERS, hasAssetFilters, type AssetSearch, type AssetSortField } from './asset-search.js';
import { assetExportUrl, assetsQuery, classificationQuery } from './assets-api.js';
import { BulkUpdateDialog, type BulkMode } from './bulk-update-dialog.js';
import { assetMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/assets');

function AssetExportMenu({ orgId, search }: { orgId: string; search: AssetSearch }) {
  const links = ASSET_FILE_FORMATS.map((format) => ({ format, href: assetExportUrl(orgId, { ...assetExportFilters(search), format }), label: m.exportAs(format.toUpperCase()) }));
  return <ExportMenu label={m.export} hint={m.exportHint} testId="asset-export" links={links} width={280} />;
}

export function AssetRegisterPage() {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const organization = useQuery(organizationQuery(orgId)).data;
  const hasSites = (organization?.sites.length ?? 0) > 0;
  const request = assetListQuery(search, { hasSites });
  const query = useQuery(assetsQuery(orgId, request));
  const levels = useQuery(classificationQuery(orgId)).data?.items ?? [];
  const canWrite = hasPermission(membership, 'asset.write');
  const [visible, setVisible] = useAssetColumnChoice();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [bulkMode, setBulkMode] = useState<BulkMode | null>(null);
  const openable = useMemo(() => new Set(session.memberships.map((item) => item.organizationId)), [session.memberships]);
  const requestKey = JSON.stringify(request);

  // A new page or filter shows other rows: a selection of rows no longer visible would surprise.
  useEffect(() => {
    setSelected(new Set());
  }, [requestKey]);

  // Sort, page and choices push a history entry (Back undoes them); typing replaces it (no entry per key).
  const update = (next: Partial<AssetSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });

  const rows = query.data?.items;
  const selectable = (rows ?? []).filter((asset) => asset.abilities.update);
  const allSelected = selectable.length > 0 && selectable.every((asset) => selected.has(asset.id));
  const toggle = (id: string, isOn: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (isOn) next.add(id);
      else next.delete(id);
      return next;
    });

  const selectColumn: Column<TAsset, AssetSortField> = {
    key: 'select',
    header: m.columns.select,
    isHeaderHidden: true,
    width: 44,
    render: (asset) => (
      <Checkbox aria-label={m.selectAsset(asset.name)} checked={selected.has(asset.id)} disabled={!asset.abilities.update} onChange={(event) => toggle(asset.id, event.currentTarget.checked)} data-testid="asset-select" />
    ),
  };
  const columns = [...(canWrite ? [selectColumn] : []), ...assetColumns({ visible, timeZone: membership.timeZone, showSite: request.includeSites === 'yes', openable })];

  const addButton = canWrite ? (
    <LinkButton to="/o/$orgId/assets/new" params={{ orgId }} leftSection={<IconPlus size={16} aria-hidden />} data-testid="asset-add">
      {m.addAsset}
    </LinkButton>
  ) : null;
  const importButton = canWrite ? (
    <LinkButton to="/o/$orgId/assets/import" params={{ orgId }} variant="default" leftSection={<IconDatabaseImport size={16} aria-hidden />} data-testid="asset-import">
      {m.import}
    </LinkButton>
  ) : null;

  const toolbar = (
    <>
      {canWrite && selectable.length > 0 ? (
        <Checkbox
          label={m.selectAllOnPage}
          checked={allSelected}
          indeterminate={!allSelected && selectable.some((asset) => selected.has(asset.id))}
          onChange={(event) => setSelected(event.currentTarget.checked ? new Set(selectable.map((asset) => asset.id)) : new Set())}
          size="sm"
          data-testid="asset-select-all"
        />
      ) : null}
      {selected.size > 0 ? (
        <Group gap="xs" data-testid="asset-bulk-actions">
          <Text size="sm" fw={600} aria-live="polite">
            {m.selected(selected.size)}
          </Text>
          <Button size="xs" onClick={() => setBulkMode('owner')} data-testid="bulk-owner-open">
            {m.changeOwner}
          </Button>
          <Button size="xs" onClick={() => setBulkMode('classification')} data-testid="bulk-classification-open">
            {m.changeClassification}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
            {m.clearSelection}
          </Button>
        </Group>
      ) : null}
      <AssetColumnChooser visible={visible} onChange={setVisible} />
    </>
  );

  return (
    <>
      <PageHeader
        eyebrow={m.plan}
        title={m.registerTitle}
        description={m.registerDescription}
        actions={
          <>
            {importButton}
            <AssetExportMenu orgId={orgId} search={search} />
            {addButton}
          </>
        }
      />
      <AssetFilters search={search} levels={levels} hasSites={hasSites} onChange={update} />
      <DataTable
        caption={m.registerTitle}
        testId="asset-table"
        minWidth={1100}
        columns={columns}
        rows={rows}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(asset) => asset.id}
        rowAttributes={(asset) => ({ 'data-asset-name': asset.name })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'name', direction: request.direction ?? 'asc' }}
        onSortChange={(sort) => update({ sort: sort.field, direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        toolbar={toolbar}
        empty={
          hasAssetFilters(search) ? (
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
              icon={<IconServer2 size={28} aria-hidden />}
              title={m.emptyTitle}
              description={m.emptyBody}
              testId="asset-empty"
              action={
                canWrite ? (
                  <Group gap="sm" justify="center">
                    <LinkButton to="/o/$orgId/assets/import" params={{ orgId }} leftSection={<IconDatabaseImport size={16} aria-hidden />}>
                      {m.importFromCsv}
                    </LinkButton>
                    <LinkButton to="/o/$orgId/assets/new" params={{ orgId }} variant="default" leftSection={<IconPlus size={16} aria-hidden />}>
                      {m.addAsset}
                    </LinkButton>
                  </Group>
                ) : null
              }
            />
          )
        }
      />
      {canWrite ? (
        <BulkUpdateDialog
          orgId={orgId}
          mode={bulkMode}
          assetIds={[...selected]}
          levels={levels}
          onClose={(changed) => {
            setBulkMode(null);
            if (changed) setSelected(new Set());
          }}
        />
      ) : null}
    </>
  );
}
