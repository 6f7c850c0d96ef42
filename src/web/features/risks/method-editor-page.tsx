/**
 * Plan → Risk method (ISO/IEC 27001:2022 6.1.2 a–d, 8.2; 45 CFR 164.308(a)(1)(ii)(A)): the method in
 * force, read-only for everyone who may read risks, with its versions history. Holders of risk.method
 * edit it visually with a live matrix, preview how every stored assessment is re-mapped, adjust rows and
 * apply: a new version, never a cleared assessment.
 */
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconEye, IconInfoCircle, IconListDetails, IconPencil } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { TRiskMethodVersion } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { hasPermission } from '../auth/index.js';
import { isMethodChanged, type MethodDraft } from './method-draft.js';
import { MethodEditor } from './method-editor.js';
import { methodMessages as m } from './method-messages.js';
import { MethodView } from './method-view.js';
import { RemapPreview, type AppliedVersion } from './remap-preview.js';
import { useRiskMethod, useRiskMethodVersions } from './risk-method-api.js';

const route = getRouteApi('/_authed/o/$orgId/risk-method');

type Mode = { kind: 'view' } | { kind: 'edit' | 'preview'; base: { version: number; method: TRiskMethod }; draft: MethodDraft };

export function MethodEditorPage() {
  const { orgId, membership } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const canEdit = hasPermission(membership, 'risk.method');
  const current = useRiskMethod(orgId);
  const versions = useRiskMethodVersions(orgId);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [applied, setApplied] = useState<AppliedVersion | null>(null);
  const isDirty = mode.kind !== 'view' && isMethodChanged(mode.base.method, mode.draft);

  const startEditing = (version: TRiskMethodVersion) => {
    setApplied(null);
    setMode({ kind: 'edit', base: { version: version.version, method: version.method }, draft: structuredClone(version.method) });
  };
  const onApplied = (result: AppliedVersion) => {
    setMode({ kind: 'view' });
    setApplied(result);
    notifications.show({ color: 'green', message: m.applied(result.version, result.remapped, result.adjusted, result.levelChanged) });
  };
  const shownVersion = search.version !== undefined ? versions.data?.find((v) => v.version === search.version) : undefined;

  return (
    <>
      <PageHeader
        eyebrow={m.area}
        title={m.methodTitle}
        description={m.methodDescription}
        testId="risk-method-title"
        actions={
          <>
            <LinkButton to="/o/$orgId/risk-catalogue" params={{ orgId }} variant="default" leftSection={<IconListDetails size={16} aria-hidden />} data-testid="method-catalogue-link">
              {m.catalogueLink}
            </LinkButton>
            {canEdit && mode.kind === 'view' && current.data ? (
              <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => startEditing(current.data)} data-testid="method-edit">
                {m.editMethod}
              </Button>
            ) : null}
          </>
        }
      />
      <UnsavedChangesGuard when={isDirty} />

      {current.error ? <ErrorState error={current.error} onRetry={() => void current.refetch()} /> : null}
      {current.isLoading ? <LoadingState rows={8} /> : null}

      {applied && mode.kind === 'view' ? (
        <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} mb="md" withCloseButton onClose={() => setApplied(null)} data-testid="method-applied">
          {m.applied(applied.version, applied.remapped, applied.adjusted, applied.levelChanged)}
        </Alert>
      ) : null}

      {current.data && mode.kind === 'view' ? (
        <Stack gap="lg">
          <Group gap="sm">
            <Badge size="lg" variant="filled" styles={{ label: { textTransform: 'none' } }} data-testid="method-version" data-version={current.data.version}>
              {m.versionBadge(current.data.version)}
            </Badge>
            <Text size="sm" c="dimmed">
              {m.savedBy(current.data.createdBy?.name ?? null, formatDateTime(current.data.createdAt, membership.timeZone))}
              {current.data.note ? ` — ${current.data.note}` : ''}
            </Text>
          </Group>
          {!canEdit ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="method-read-only">
              {m.readOnlyNote}
            </Alert>
          ) : null}
          <MethodView method={current.data.method} />
          <VersionsHistory versions={versions.data} error={versions.error} timeZone={membership.timeZone} onView={(version) => void navigate({ search: { version } })} />
        </Stack>
      ) : null}

      {mode.kind === 'edit' ? (
        <MethodEditor
          base={mode.base}
          draft={mode.draft}
          onChange={(draft) => setMode({ ...mode, draft })}
          onCancel={() => setMode({ kind: 'view' })}
          onPreview={() => setMode({ ...mode, kind: 'preview' })}
        />
      ) : null}
      {mode.kind === 'preview' ? <RemapPreview orgId={orgId} base={mode.base} draft={mode.draft} onBack={() => setMode({ ...mode, kind: 'edit' })} onApplied={onApplied} /> : null}

      <Modal opened={shownVersion !== undefined} onClose={() => void navigate({ search: {} })} title={shownVersion ? m.versionTitle(shownVersion.version) : ''} size="90rem">
        {shownVersion ? (
          <Stack gap="sm" data-testid="method-version-view">
            <Text size="sm" c="dimmed">
              {m.savedBy(shownVersion.createdBy?.name ?? null, formatDateTime(shownVersion.createdAt, membership.timeZone))}
              {shownVersion.note ? ` — ${shownVersion.note}` : ''}
            </Text>
            <MethodView method={shownVersion.method} testId="method-version-method" />
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}

function VersionsHistory({ versions, error, timeZone, onView }: { versions: TRiskMethodVersion[] | undefined; error: unknown; timeZone: string; onView: (version: number) => void }) {
  return (
    <Paper withBorder p="md" data-testid="method-versions">
      <Title order={2} fz="lg" mb="sm">
        {m.versionsTitle}
      </Title>
      {error ? <ErrorState error={error} /> : null}
      {!versions && !error ? <LoadingState rows={3} /> : null}
      {versions ? (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="xs" fz="sm" highlightOnHover>
            <TableCaption>{m.versionsCaption}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.versionColumn}</Table.Th>
                <Table.Th scope="col">{m.savedAtColumn}</Table.Th>
                <Table.Th scope="col">{m.savedByColumn}</Table.Th>
                <Table.Th scope="col">{m.noteColumn}</Table.Th>
                <Table.Th scope="col">{m.actionsColumn}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((version) => (
                <Table.Tr key={version.version} data-testid="method-version-row" data-version={version.version}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {version.version}
                      </Text>
                      {version.isCurrent ? (
                        <Badge size="sm" variant="light" color="green" styles={{ label: { textTransform: 'none' } }}>
                          {m.currentVersion}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(version.createdAt, timeZone)}</Table.Td>
                  <Table.Td>{version.createdBy?.name ?? m.seeded}</Table.Td>
                  <Table.Td>{version.note || <Text span size="sm" c="dimmed">{m.noNote}</Text>}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" leftSection={<IconEye size={14} aria-hidden />} onClick={() => onView(version.version)} aria-label={m.viewVersion(version.version)} data-testid="method-version-open">
                      {m.view}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}
