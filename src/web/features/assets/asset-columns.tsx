/** The register's columns and the person's choice of them (kept in this browser). */
import { Badge, Group, Text } from '@mantine/core';
import { ASSET_TYPE_LABELS, type TAsset } from '../../../shared/contracts/assets.js';
import { formatDate } from '../../kernel/format.js';
import { ColumnChooser, useColumnChoice } from '../../ui/column-chooser.js';
import type { Column } from '../../ui/data-table.js';
import { RouterAnchor } from '../../ui/links.js';
import { ClassificationBadge, CriticalityBadge, EphiBadge } from './asset-badges.js';
import type { AssetSortField } from './asset-search.js';
import classes from './assets.module.css';
import { assetMessages as m } from './messages.js';

export const OPTIONAL_COLUMNS = ['type', 'criticality', 'classification', 'owner', 'custodian', 'lifecycle', 'ephi', 'gaps', 'location', 'vendor', 'tags', 'externalRef', 'updatedAt'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
// What fits a 1366-pixel screen without scrolling sideways; the rest are a click away.
const DEFAULT_COLUMNS: readonly OptionalColumn[] = ['type', 'criticality', 'classification', 'owner', 'ephi', 'gaps'];
const STORAGE_KEY = 'custos.assets.columns';

export function useAssetColumnChoice(): [OptionalColumn[], (next: OptionalColumn[]) => void] {
  return useColumnChoice(STORAGE_KEY, OPTIONAL_COLUMNS, DEFAULT_COLUMNS);
}

export function AssetColumnChooser({ visible, onChange }: { visible: OptionalColumn[]; onChange: (next: OptionalColumn[]) => void }) {
  return <ColumnChooser all={OPTIONAL_COLUMNS} labels={m.columns} visible={visible} onChange={onChange} buttonLabel={m.columnsButton} legend={m.columnsLegend} testId="asset-columns" />;
}

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

function plain(value: string | null | undefined) {
  return value ? (
    <Text size="sm">{value}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      {m.notRecorded}
    </Text>
  );
}

export interface AssetColumnOptions {
  visible: OptionalColumn[];
  timeZone: string;
  showSite: boolean;
  /** Organizations I can open (a site's asset links there). */
  openable: Set<string>;
}

/** The name and gap links open the asset in its own organization (at a group, a site's asset lives in the site). */
export function assetColumns({ visible, timeZone, showSite, openable }: AssetColumnOptions): Column<TAsset, AssetSortField>[] {
  const all: Record<OptionalColumn, Column<TAsset, AssetSortField>> = {
    type: { key: 'type', header: m.columns.type, sortField: 'type', render: (a) => <Text size="sm">{ASSET_TYPE_LABELS[a.type]}</Text> },
    criticality: { key: 'criticality', header: m.columns.criticality, sortField: 'criticality', render: (a) => <CriticalityBadge value={a.criticality} /> },
    classification: { key: 'classification', header: m.columns.classification, render: (a) => <ClassificationBadge name={a.classificationName} colour={a.classificationColour} /> },
    owner: { key: 'owner', header: m.columns.owner, sortField: 'owner', render: (a) => plain(a.owner) },
    custodian: { key: 'custodian', header: m.columns.custodian, render: (a) => plain(a.custodian) },
    lifecycle: { key: 'lifecycle', header: m.columns.lifecycle, sortField: 'lifecycle', render: (a) => <Text size="sm">{m.lifecycle[a.lifecycle] ?? a.lifecycle}</Text> },
    ephi: {
      key: 'ephi',
      header: m.columns.ephi,
      render: (a) =>
        a.handlesEphi ? (
          <EphiBadge />
        ) : (
          <Text size="sm" c="dimmed">
            {m.no}
          </Text>
        ),
    },
    gaps: {
      key: 'gaps',
      header: m.columns.gaps,
      render: (a) =>
        a.gapCount > 0 && openable.has(a.organizationId) ? (
          <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId: a.organizationId, assetId: a.id }} search={{ tab: 'gaps' }} aria-label={m.gapCountLink(a.gapCount, a.name)} data-testid="asset-gap-count">
            <Badge className={classes.badge} variant="light" color="red" style={{ cursor: 'pointer' }}>
              {m.gapBadge(a.gapCount)}
            </Badge>
          </RouterAnchor>
        ) : (
          <Text size="sm" c="dimmed" data-testid="asset-gap-count">
            {a.gapCount > 0 ? m.gapBadge(a.gapCount) : m.noGaps}
          </Text>
        ),
    },
    location: { key: 'location', header: m.columns.location, render: (a) => plain(a.location) },
    vendor: { key: 'vendor', header: m.columns.vendor, render: (a) => plain(a.vendor ?? a.manufacturer) },
    tags: {
      key: 'tags',
      header: m.columns.tags,
      render: (a) =>
        a.tags.length ? (
          <Group gap={4}>
            {a.tags.map((tag) => (
              <Badge key={tag} className={classes.badge} size="sm" variant="default" styles={{ label: { textTransform: 'none' } }}>
                {tag}
              </Badge>
            ))}
          </Group>
        ) : (
          plain(null)
        ),
    },
    externalRef: {
      key: 'externalRef',
      header: m.columns.externalRef,
      sortField: 'externalRef',
      render: (a) =>
        a.externalRef ? (
          <Text size="sm" ff="monospace" style={NO_WRAP}>
            {a.externalRef}
          </Text>
        ) : (
          plain(null)
        ),
    },
    updatedAt: { key: 'updatedAt', header: m.columns.updatedAt, sortField: 'updatedAt', render: (a) => <Text size="sm" style={NO_WRAP}>{formatDate(a.updatedAt, timeZone)}</Text> },
  };
  const name: Column<TAsset, AssetSortField> = {
    key: 'name',
    header: m.columns.name,
    sortField: 'name',
    render: (a) =>
      openable.has(a.organizationId) ? (
        <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId: a.organizationId, assetId: a.id }} size="sm" fw={600} data-testid="asset-link">
          {a.name}
        </RouterAnchor>
      ) : (
        <Text size="sm" fw={600}>
          {a.name}
        </Text>
      ),
  };
  const site: Column<TAsset, AssetSortField> = { key: 'site', header: m.columns.site, render: (a) => <Text size="sm">{a.organizationName}</Text> };
  return [name, ...(showSite ? [site] : []), ...visible.map((column) => all[column])];
}
