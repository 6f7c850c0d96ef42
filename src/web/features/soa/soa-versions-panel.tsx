/**
 * Version history: every published version with its publisher, approval and SHA-256; approve the latest
 * (soa.approve; not its publisher), view one read-only, download it, and compare two versions or a version
 * with the current draft.
 */
import { Anchor, Button, Code, Group, Menu, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDownload, IconGitCompare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IMPLEMENTATION_STATUS_LABELS, INCLUSION_REASON_LABELS } from '../../../shared/compliance.js';
import { SOA_EXPORT_FORMATS, type TSoaRow, type TSoaVersionSummary } from '../../../shared/contracts/soa.js';
import { formatDateTime } from '../../kernel/format.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { PageLoader } from '../../ui/loading-state.js';
import { TableCaption } from '../../ui/data-table.js';
import { approveDialogText, VersionActionDialog } from './soa-dialogs.js';
import { approveVersion, diffQuery, invalidateSoa, soaExportUrl, versionQuery, versionsQuery } from './soa-api.js';
import type { SoaSearch } from './soa-search.js';
import { SoaTable } from './soa-table.js';
import { soaMessages as m } from './messages.js';

type Update = (next: Partial<SoaSearch>) => void;

export function DownloadMenu({ orgId, version, label }: { orgId: string; version?: number; label?: string }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size={version ? 'xs' : 'sm'} leftSection={<IconDownload size={14} aria-hidden />} data-testid={version ? `soa-download-${version}` : 'soa-export'}>
          {label ?? m.download}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={300}>
        {version ? null : (
          <Text size="xs" c="dimmed" px="sm" py={6}>
            {m.exportDraftHint}
          </Text>
        )}
        {SOA_EXPORT_FORMATS.map((format) => (
          <Menu.Item key={format} component="a" href={soaExportUrl(orgId, format, version)} download data-testid={`soa-export-${format}`}>
            {m.exportAs(format.toUpperCase())}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function VersionView({ orgId, number, timeZone, onBack }: { orgId: string; number: number; timeZone: string; onBack: () => void }) {
  const query = useQuery(versionQuery(orgId, number));
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  const version = query.data;
  return (
    <Stack gap="md" data-testid="soa-version-view">
      <Group justify="space-between">
        <Button variant="subtle" leftSection={<IconArrowLeft size={14} aria-hidden />} onClick={onBack}>
          {m.backToVersions}
        </Button>
        <DownloadMenu orgId={orgId} version={number} />
      </Group>
      <Title order={2} fz="lg">
        {m.viewing(number)}
      </Title>
      <Text size="sm" c="dimmed">
        {m.lastPublished(number, `${formatDateTime(version.publishedAt, timeZone)} · ${version.publishedBy.name}`)} · {version.approvedBy && version.approvedAt ? m.approvedBy(version.approvedBy.name, formatDateTime(version.approvedAt, timeZone)) : m.notApproved}
      </Text>
      <SoaTable orgId={orgId} rows={version.snapshot.rows} isEditable={false} risksAvailable caption={m.viewing(number)} />
    </Stack>
  );
}

function describe(row: TSoaRow | null, field: string): string {
  if (!row) return '—';
  switch (field) {
    case 'applicable':
      return row.applicable ? m.yes : m.no;
    case 'inclusionReasons':
      return row.inclusionReasons.map((r) => INCLUSION_REASON_LABELS[r]).join(', ') || '—';
    case 'effectiveStatus':
      return IMPLEMENTATION_STATUS_LABELS[row.effectiveStatus];
    case 'statusOverride':
      return row.statusOverride ? IMPLEMENTATION_STATUS_LABELS[row.statusOverride] : '—';
    case 'controls':
      return row.controls.map((c) => `${c.code} (${c.status})`).join(', ') || '—';
    default:
      return String((row as unknown as Record<string, unknown>)[field] ?? '—');
  }
}

function Compare({ orgId, versions, search, onChange }: { orgId: string; versions: TSoaVersionSummary[]; search: SoaSearch; onChange: Update }) {
  const from = search.from ?? versions[0]?.number ?? 'current';
  const to = search.to ?? 'current';
  const query = useQuery({ ...diffQuery(orgId, from, to), enabled: versions.length > 0 });
  const options = [{ value: 'current', label: m.current }, ...versions.map((v) => ({ value: String(v.number), label: m.versionOption(v.number) }))];
  const read = (value: string): number | 'current' => (value === 'current' ? 'current' : Number(value));
  return (
    <Stack gap="sm" data-testid="soa-compare">
      <Group gap="sm" align="flex-end">
        <IconGitCompare size={18} aria-hidden />
        <Title order={3} fz="md">
          {m.compareTitle}
        </Title>
        <NativeSelect label={m.compareFrom} value={String(from)} data={options} onChange={(event) => onChange({ from: read(event.currentTarget.value) })} w={170} data-testid="soa-compare-from" />
        <NativeSelect label={m.compareTo} value={String(to)} data={options} onChange={(event) => onChange({ to: read(event.currentTarget.value) })} w={170} data-testid="soa-compare-to" />
      </Group>
      {query.error ? <ErrorState error={query.error} /> : null}
      {query.data ? (
        query.data.changes.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="soa-compare-none">
            {m.noChanges}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={800} type="native">
              <Table verticalSpacing="xs" data-testid="soa-compare-table">
                <TableCaption>{`${query.data.from.label} → ${query.data.to.label}`}</TableCaption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{m.changeColumns.ref}</Table.Th>
                    <Table.Th scope="col">{m.changeColumns.fields}</Table.Th>
                    <Table.Th scope="col">{`${m.changeColumns.before} (${query.data.from.label})`}</Table.Th>
                    <Table.Th scope="col">{`${m.changeColumns.after} (${query.data.to.label})`}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.changes.flatMap((change) =>
                    change.fields.map((field, i) => (
                      <Table.Tr key={`${change.ref}-${field}`} data-testid="soa-change">
                        <Table.Td>{i === 0 ? <Text size="sm" fw={700}>{`${change.ref} ${change.title}`}</Text> : null}</Table.Td>
                        <Table.Td>{m.field[field] ?? field}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{describe(change.before, field)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{describe(change.after, field)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )
      ) : null}
    </Stack>
  );
}

export function VersionsPanel({ orgId, timeZone, canApprove, userId, search, onChange }: { orgId: string; timeZone: string; canApprove: boolean; userId: string; search: SoaSearch; onChange: Update }) {
  const queryClient = useQueryClient();
  const query = useQuery(versionsQuery(orgId));
  const [approving, setApproving] = useState<TSoaVersionSummary | null>(null);
  const approval = useMutation({
    mutationFn: ({ number, note }: { number: number; note: string | null }) => approveVersion(orgId, number, note),
    onSuccess: async (version) => {
      await invalidateSoa(queryClient, orgId);
      notifications.show({ color: 'green', message: m.approved(version.number) });
      setApproving(null);
    },
  });
  if (search.version) return <VersionView orgId={orgId} number={search.version} timeZone={timeZone} onBack={() => onChange({ version: undefined })} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  const versions = query.data.items;
  if (versions.length === 0) return <EmptyState title={m.versionsTitle} description={m.versionsEmpty} testId="soa-versions-empty" />;
  const latest = versions[0]!;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={900} type="native">
          <Table verticalSpacing="sm" data-testid="soa-versions">
            <TableCaption>{m.versionsTitle}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.versionColumns.number}</Table.Th>
                <Table.Th scope="col">{m.versionColumns.published}</Table.Th>
                <Table.Th scope="col">{m.versionColumns.approval}</Table.Th>
                <Table.Th scope="col">{m.versionColumns.sha}</Table.Th>
                <Table.Th scope="col">{m.versionColumns.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((version) => (
                <Table.Tr key={version.id} data-testid="soa-version-row" data-version={version.number}>
                  <Table.Td>
                    <Anchor component="button" type="button" fw={700} onClick={() => onChange({ version: version.number })}>
                      {m.versionOption(version.number)}
                    </Anchor>
                    {version.note ? <Text size="xs" c="dimmed">{version.note}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(version.publishedAt, timeZone)}</Text>
                    <Text size="xs" c="dimmed">{version.publishedBy.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    {version.approvedAt && version.approvedBy ? (
                      <>
                        <Text size="sm" c="green.9" fw={600}>{m.approvedBy(version.approvedBy.name, formatDateTime(version.approvedAt, timeZone))}</Text>
                        {version.approvalNote ? <Text size="xs" c="dimmed">{version.approvalNote}</Text> : null}
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">{m.notApproved}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Code title={version.sha256}>{version.sha256.slice(0, 12)}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => onChange({ version: version.number })}>
                        {m.view}
                      </Button>
                      <DownloadMenu orgId={orgId} version={version.number} />
                      {canApprove && version.number === latest.number && !version.approvedAt && version.publishedBy.id !== userId ? (
                        <Button size="xs" onClick={() => setApproving(version)} data-testid="soa-approve">
                          {m.approve}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Compare orgId={orgId} versions={versions} search={search} onChange={onChange} />
      {approving ? (
        <VersionActionDialog
          opened
          {...approveDialogText(approving)}
          noteLabel={m.approveNote}
          confirmLabel={m.approve}
          isPending={approval.isPending}
          error={approval.error}
          onClose={() => {
            approval.reset();
            setApproving(null);
          }}
          onSubmit={(note) => approval.mutate({ number: approving.number, note })}
          testId="soa-approve-dialog"
        />
      ) : null}
    </Stack>
  );
}
