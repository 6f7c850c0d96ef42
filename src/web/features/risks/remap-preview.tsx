/**
 * The re-map preview of a method change (issue 5: re-map, never clear; ISO/IEC 27001:2022 6.1.2 b:
 * repeated assessments stay comparable): every stored assessment (risk × stage) with its old and new
 * likelihood, per-dimension impacts and level, as the server proposes them proportionally. The user may
 * adjust any row within the new scales; rows with no rated dimension left must be adjusted before the
 * new version can be applied. Applying sends the draft, the note and the adjustments in one request.
 */
import { Alert, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconPencil } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { TRemapAdjustment, TRemapPreviewRow } from '../../../shared/contracts/risks.js';
import { isApiError } from '../../kernel/api-client.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { methodMessages as m } from './method-messages.js';
import { LevelSwatch } from './method-view.js';
import { AdjustDialog, derivedLevel } from './remap-adjust-dialog.js';
import { useRemapPreview, useSaveRiskMethod } from './risk-method-api.js';
import classes from './remap-preview.module.css';

type Adjustment = TRemapAdjustment & { wasNeedsInput: boolean };
const rowKey = (row: { riskId: string; stage: string }) => `${row.riskId}:${row.stage}`;
const GREY = '#868e96';

export interface AppliedVersion {
  version: number;
  remapped: number;
  adjusted: number;
  levelChanged: number;
}

export interface RemapPreviewProps {
  orgId: string;
  base: { version: number; method: TRiskMethod };
  draft: TRiskMethod;
  onBack: () => void;
  onApplied: (result: AppliedVersion) => void;
}

export function RemapPreview({ orgId, base, draft, onBack, onApplied }: RemapPreviewProps) {
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [adjustments, setAdjustments] = useState<ReadonlyMap<string, Adjustment>>(new Map());
  const [adjusting, setAdjusting] = useState<TRemapPreviewRow | null>(null);
  const [note, setNote] = useState('');
  const [isConfirming, setConfirming] = useState(false);
  const preview = useRemapPreview(orgId, { method: draft, baseVersion: base.version, onlyChanged, page, pageSize });
  const save = useSaveRiskMethod(orgId);
  const data = preview.data;

  const adjustedNeedsInput = [...adjustments.values()].filter((a) => a.wasNeedsInput).length;
  const missing = data ? Math.max(0, data.needsInput - adjustedNeedsInput) : 0;
  const isStale = (isApiError(preview.error) && preview.error.status === 409) || (isApiError(save.error) && save.error.status === 409);
  const colourOf = useMemo(() => {
    const colours = new Map<string, string>();
    for (const level of base.method.levels) colours.set(`old:${level.key}`, level.colour);
    for (const level of draft.levels) colours.set(`new:${level.key}`, level.colour);
    return (side: 'old' | 'new', key: string) => colours.get(`${side}:${key}`) ?? GREY;
  }, [base.method.levels, draft.levels]);

  const apply = () =>
    save.mutate(
      { method: draft, baseVersion: base.version, note: note.trim(), adjustments: [...adjustments.values()].map(({ riskId, stage, likelihood, impacts }) => ({ riskId, stage, likelihood, impacts })) },
      {
        onSuccess: (result) => {
          setConfirming(false);
          onApplied({ version: result.version.version, remapped: result.remapped, adjusted: result.adjusted, levelChanged: result.levelChanged });
        },
      },
    );

  const columns: Column<TRemapPreviewRow>[] = [
    {
      key: 'risk',
      header: m.riskColumn,
      render: (row) => (
        <div>
          <Text size="sm" fw={600} data-testid="preview-ref">
            {row.ref}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2} maw={260}>
            {row.title}
          </Text>
        </div>
      ),
    },
    { key: 'stage', header: m.stageColumn, render: (row) => m.stages[row.stage] },
    {
      key: 'likelihood',
      header: m.likelihoodColumn,
      render: (row) => {
        const adjustment = adjustments.get(rowKey(row));
        return <OldNew old={row.preview.likelihood.old} value={adjustment ? adjustment.likelihood : row.preview.likelihood.new} isAdjusted={Boolean(adjustment)} testId="preview-likelihood" />;
      },
    },
    {
      key: 'impacts',
      header: m.impactsColumn,
      render: (row) => <Impacts row={row} adjustment={adjustments.get(rowKey(row))} />,
    },
    {
      key: 'level',
      header: m.levelColumn,
      render: (row) => {
        const adjustment = adjustments.get(rowKey(row));
        const next = adjustment ? derivedLevel(draft, adjustment) : row.preview.level.new;
        return (
          <Group gap={6} wrap="nowrap" data-testid="preview-level">
            <LevelSwatch label={row.preview.level.old.label} colour={colourOf('old', row.preview.level.old.key)} testId="preview-level-old" />
            <span aria-hidden>{m.arrow}</span>
            {next ? <LevelSwatch label={next.label} colour={colourOf('new', next.key)} testId="preview-level-new" /> : <Text size="sm" fs="italic">{m.noLevelYet}</Text>}
          </Group>
        );
      },
    },
    {
      key: 'state',
      header: m.stateColumn,
      render: (row) => {
        const adjustment = adjustments.get(rowKey(row));
        if (adjustment) return <StateBadge color="blue" label={m.adjusted} state="adjusted" />;
        if (row.preview.needsInput) return <StateBadge color="red" label={m.needsInput} state="needs_input" icon />;
        if (row.preview.isLevelChanged) return <StateBadge color="orange" label={m.levelChanges} state="level_changed" />;
        return <StateBadge color="gray" label={m.unchanged} state="unchanged" />;
      },
    },
    {
      key: 'actions',
      header: m.actionsColumn,
      isHeaderHidden: true,
      render: (row) => {
        const key = rowKey(row);
        const stage = m.stages[row.stage];
        return (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant={row.preview.needsInput && !adjustments.has(key) ? 'filled' : 'default'} color={row.preview.needsInput && !adjustments.has(key) ? 'red.9' : undefined} leftSection={<IconPencil size={12} aria-hidden />} onClick={() => setAdjusting(row)} aria-label={m.adjustRow(row.ref, stage)} data-testid="preview-adjust">
              {m.adjust}
            </Button>
            {adjustments.has(key) ? (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  setAdjustments((current) => {
                    const next = new Map(current);
                    next.delete(key);
                    return next;
                  })
                }
                aria-label={m.undoAdjustRow(row.ref, stage)}
              >
                {m.undoAdjust}
              </Button>
            ) : null}
          </Group>
        );
      },
    },
  ];

  return (
    <Stack gap="md" data-testid="remap-preview">
      <div>
        <Title order={2} fz="lg">
          {m.previewTitle}
        </Title>
        <Text size="sm" c="dimmed" maw={860}>
          {m.previewIntro}
        </Text>
      </div>
      {isStale ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid="remap-stale">
          <Group justify="space-between">
            <Text size="sm">{m.staleVersion}</Text>
            <Button size="xs" variant="default" onClick={() => window.location.reload()}>
              {m.reload}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {data ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="remap-counts">
          <Count value={data.assessments} label={m.assessmentsCount(data.assessments)} testId="remap-count-assessments" />
          <Count value={data.levelChanged} label={m.levelChangedCount(data.levelChanged)} testId="remap-count-changed" />
          <Count value={data.needsInput} label={m.needsInputCount(data.needsInput)} testId="remap-count-needs-input" isWarning={missing > 0} />
          <Count value={adjustments.size} label={m.adjustedCount()} testId="remap-count-adjusted" />
        </SimpleGrid>
      ) : null}
      <Switch
        label={m.onlyChanges}
        checked={onlyChanged}
        onChange={(event) => {
          setOnlyChanged(event.currentTarget.checked);
          setPage(1);
        }}
        data-testid="remap-only-changed"
      />
      <Box className={classes.table}>
        <DataTable
          caption={m.previewCaption}
          columns={columns}
          rows={data?.items}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          rowKey={rowKey}
          onPageChange={setPage}
          onPageSizeChange={(size) => {
            setPageSize(size);
            setPage(1);
          }}
          isLoading={preview.isLoading}
          isFetching={preview.isFetching}
          error={isStale ? null : preview.error}
          onRetry={() => void preview.refetch()}
          empty={onlyChanged ? <EmptyState title={m.previewNoChangesTitle} description={m.previewNoChangesBody} /> : <EmptyState title={m.previewEmptyTitle} description={m.previewEmptyBody} />}
          testId="remap-table"
          minWidth={980}
          rowAttributes={(row) => ({ 'data-risk-ref': row.ref, 'data-stage': row.stage, 'data-needs-input': String(row.preview.needsInput && !adjustments.has(rowKey(row))) })}
        />
      </Box>
      <Paper withBorder p="md">
        <Textarea label={m.noteLabel} placeholder={m.notePlaceholder} value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} maxLength={1000} data-testid="remap-note" />
        {missing > 0 ? (
          <Text size="sm" c="red.9" mt="sm" role="status" data-testid="remap-blocked">
            {m.applyBlocked(missing)}
          </Text>
        ) : null}
        <Group justify="space-between" mt="md">
          <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack} data-testid="remap-back">
            {m.backToEditing}
          </Button>
          <Button leftSection={<IconCheck size={16} aria-hidden />} disabled={!data || missing > 0 || isStale} onClick={() => setConfirming(true)} data-testid="remap-apply">
            {m.apply}
          </Button>
        </Group>
      </Paper>

      <ConfirmDialog
        opened={isConfirming}
        title={m.applyTitle}
        recorded={m.applyRecorded}
        confirmLabel={m.applyConfirm}
        isPending={save.isPending}
        error={save.error && !isStale ? save.error : null}
        onConfirm={apply}
        onClose={() => {
          setConfirming(false);
          save.reset();
        }}
        testId="remap-apply-dialog"
      >
        {m.applyBody(base.version + 1, data?.assessments ?? 0, adjustments.size)}
      </ConfirmDialog>

      {adjusting ? (
        <AdjustDialog
          row={adjusting}
          draft={draft}
          initial={adjustments.get(rowKey(adjusting)) ?? null}
          colourOf={(key) => colourOf('new', key)}
          onClose={() => setAdjusting(null)}
          onSave={(values) => {
            setAdjustments((current) => new Map(current).set(rowKey(adjusting), { riskId: adjusting.riskId, stage: adjusting.stage, ...values, wasNeedsInput: adjusting.preview.needsInput }));
            setAdjusting(null);
          }}
        />
      ) : null}
    </Stack>
  );
}

function Count({ value, label, testId, isWarning }: { value: number; label: string; testId: string; isWarning?: boolean }) {
  return (
    <Paper withBorder p="sm" data-testid={testId} data-value={value}>
      <Text fz="xl" fw={700} c={isWarning ? 'red.9' : undefined}>
        {value.toLocaleString('en-GB')}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

function StateBadge({ color, label, state, icon }: { color: string; label: string; state: string; icon?: boolean }) {
  return (
    <Badge variant="light" color={color} styles={{ root: { minWidth: 'max-content' }, label: { textTransform: 'none' } }} leftSection={icon ? <IconAlertTriangle size={12} aria-hidden /> : undefined} data-testid="preview-state" data-state={state}>
      {label}
    </Badge>
  );
}

function OldNew({ old, value, isAdjusted, testId }: { old: number | null; value: number | null; isAdjusted?: boolean; testId?: string }) {
  return (
    <Text size="sm" span data-testid={testId} data-old={old ?? ''} data-new={value ?? ''} fw={isAdjusted ? 700 : undefined}>
      {old ?? '—'} {m.arrow} {value ?? '—'}
      {isAdjusted ? ' *' : ''}
    </Text>
  );
}

function Impacts({ row, adjustment }: { row: TRemapPreviewRow; adjustment: Adjustment | undefined }) {
  return (
    <Stack gap={0}>
      {row.preview.dimensions.map((d) => {
        const label = m.dimensionLabels[d.dimension];
        // A dimension the new method drops changes nothing where it was not rated.
        if (d.change === 'dropped' && d.old === null) return null;
        if (d.change === 'dropped') {
          return (
            <Text key={d.dimension} size="xs" td="line-through" c="dimmed" data-testid="preview-impact" data-dimension={d.dimension}>
              {label} {d.old ?? '—'} {m.arrow} {m.dropped}
            </Text>
          );
        }
        const value = adjustment ? (adjustment.impacts[d.dimension] ?? null) : d.new;
        if ((!adjustment && (d.change === 'not_assessed' || d.change === 'added')) || (adjustment && value === null && d.old === null)) {
          return (
            <Text key={d.dimension} size="xs" c="dimmed" data-testid="preview-impact" data-dimension={d.dimension}>
              {label}: {d.change === 'added' ? m.added : m.notAssessed}
            </Text>
          );
        }
        return (
          <Text key={d.dimension} size="xs" data-testid="preview-impact" data-dimension={d.dimension} data-old={d.old ?? ''} data-new={value ?? ''} fw={adjustment ? 700 : undefined}>
            {label} {d.old ?? '—'} {m.arrow} {value ?? m.notAssessed}
          </Text>
        );
      })}
    </Stack>
  );
}
