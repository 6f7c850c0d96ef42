/**
 * The visual editor of the organization's risk method (ISO/IEC 27001:2022 6.1.2 a–d) with a live
 * preview: the matrix is re-drawn as the scales, levels and cells change, and every problem is shown
 * next to its field with the path the API uses (`matrix.2.3`, `levels.1.acceptance`), because the same
 * `ZRiskMethod` schema checks the draft here and on the server. Nothing is saved from here: "Preview
 * changes" leads to the re-map preview, which applies the new version.
 */
import { Alert, Box, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowsShuffle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { IMPACT_DIMENSIONS, type ImpactDimension, type TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { cycleCell, fillProportionally, isMethodChanged, issuesByPath, levelsByRank, matrixCellIssues, methodChanges, methodIssues, setAggregationRule, setCell, setDimensions, setWeight, type MethodDraft } from './method-draft.js';
import { LevelsEditor } from './method-levels-editor.js';
import { methodMessages as m } from './method-messages.js';
import { ScaleEditor } from './method-scale-editor.js';
import { RiskMatrix } from './risk-matrix.js';

export interface MethodEditorProps {
  /** The version in force: what the draft started from and what "re-draw proportionally" carries over. */
  base: { version: number; method: TRiskMethod };
  draft: MethodDraft;
  onChange: (next: MethodDraft) => void;
  onCancel: () => void;
  onPreview: () => void;
}

const CYCLE = '__cycle';

export function MethodEditor({ base, draft, onChange, onCancel, onPreview }: MethodEditorProps) {
  const issues = useMemo(() => methodIssues(draft), [draft]);
  const byPath = useMemo(() => issuesByPath(issues), [issues]);
  const changes = useMemo(() => methodChanges(base.method, draft), [base.method, draft]);
  const isChanged = isMethodChanged(base.method, draft);
  const [brush, setBrush] = useState(CYCLE);
  const brushLevel = draft.levels.find((level) => level.key === brush);
  const canPreview = issues.length === 0 && isChanged;

  return (
    <Stack gap="lg" data-testid="method-editor">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <Paper withBorder p="md">
            <Title order={3} fz="md" mb="sm">
              {m.general}
            </Title>
            <Stack gap="sm">
              <TextInput label={m.name} value={draft.name} onChange={(event) => onChange({ ...draft, name: event.currentTarget.value })} error={byPath.get('name')} required data-testid="method-name-input" />
              <Textarea label={m.description} value={draft.description} onChange={(event) => onChange({ ...draft, description: event.currentTarget.value })} error={byPath.get('description')} autosize minRows={2} maxRows={6} />
            </Stack>
          </Paper>
          <ScaleEditor draft={draft} scale="likelihood" issues={byPath} onChange={onChange} />
          <ScaleEditor draft={draft} scale="impact" issues={byPath} onChange={onChange} />
          <DimensionsEditor draft={draft} issues={byPath} onChange={onChange} />
        </Stack>

        <Box>
          <Paper withBorder p="md" pos="sticky" top={16} data-testid="method-live-preview">
            <Title order={3} fz="md" mb={4}>
              {m.matrixTitle}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {m.matrixEditHint}
            </Text>
            <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
              <NativeSelect
                label={m.brushLabel}
                value={brushLevel ? brush : CYCLE}
                data={[{ value: CYCLE, label: m.brushCycle }, ...levelsByRank(draft).map((level) => ({ value: level.key, label: m.brushSet(level.label || level.key) }))]}
                onChange={(event) => setBrush(event.currentTarget.value)}
                w={220}
                size="xs"
                data-testid="matrix-brush"
              />
              <Tooltip label={m.fillHint} multiline w={300}>
                <Button variant="default" size="xs" leftSection={<IconArrowsShuffle size={14} aria-hidden />} onClick={() => onChange(fillProportionally(draft, base.method))} data-testid="matrix-fill-proportional">
                  {m.fillProportionally(base.version)}
                </Button>
              </Tooltip>
            </Group>
            {byPath.get('matrix') ? (
              <Text size="sm" c="red.9" role="alert" mb="xs">
                matrix: {byPath.get('matrix')}
              </Text>
            ) : null}
            <RiskMatrix
              method={draft}
              caption={m.matrixCaption(draft.name)}
              cellIssues={matrixCellIssues(issues)}
              onCellClick={(cell) => onChange(brushLevel ? setCell(draft, cell.likelihood, cell.impact, brushLevel.key) : cycleCell(draft, cell.likelihood, cell.impact))}
              hasLegend
              testId="method-editor-matrix"
            />
            {issues.length > 0 ? (
              <Alert color="red" variant="light" mt="md" icon={<IconAlertTriangle aria-hidden />} title={m.issuesTitle(issues.length)} data-testid="method-issues">
                <List size="sm" spacing={2}>
                  {issues.slice(0, 12).map((issue, index) => (
                    <List.Item key={`${issue.path}-${index}`}>
                      <code>{issue.path || 'method'}</code>: {issue.message}
                    </List.Item>
                  ))}
                </List>
                {issues.length > 12 ? <Text size="sm">…</Text> : null}
              </Alert>
            ) : null}
            <Title order={4} fz="sm" mt="md" mb={4}>
              {m.changesTitle}
            </Title>
            {changes.length === 0 ? (
              <Text size="sm" c="dimmed">
                {m.noChanges}
              </Text>
            ) : (
              <List size="sm" spacing={2} data-testid="method-changes">
                {changes.map((change, index) => (
                  <List.Item key={index}>{m.change(change)}</List.Item>
                ))}
              </List>
            )}
          </Paper>
        </Box>
      </SimpleGrid>

      <LevelsEditor draft={draft} issues={byPath} onChange={onChange} />

      <Group justify="flex-end" gap="sm">
        {!canPreview ? (
          <Text size="sm" c="dimmed">
            {issues.length > 0 ? m.previewDisabledInvalid : m.previewDisabledUnchanged}
          </Text>
        ) : null}
        <Button variant="default" onClick={onCancel} data-testid="method-cancel">
          {m.cancelEdit}
        </Button>
        <Button onClick={onPreview} disabled={!canPreview} data-testid="method-preview">
          {m.previewChanges}
        </Button>
      </Group>
    </Stack>
  );
}

function DimensionsEditor({ draft, issues, onChange }: { draft: MethodDraft; issues: ReadonlyMap<string, string>; onChange: (next: MethodDraft) => void }) {
  const weights = draft.aggregation.rule === 'weighted' ? draft.aggregation.weights : null;
  return (
    <Paper withBorder p="md" data-testid="dimensions-editor">
      <Title order={3} fz="md" mb={4}>
        {m.dimensionsTitle}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {m.dimensionsHint}
      </Text>
      <Checkbox.Group label={m.dimensionsLabel} value={[...draft.dimensions]} onChange={(value) => onChange(setDimensions(draft, value as ImpactDimension[]))} error={issues.get('dimensions') ? `dimensions: ${issues.get('dimensions')}` : undefined} withAsterisk>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt="xs">
          {IMPACT_DIMENSIONS.map((dimension) => (
            <Checkbox key={dimension} value={dimension} label={m.dimensionLabels[dimension]} data-testid={`dimension-${dimension}`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Radio.Group mt="md" label={m.aggregationLabel} value={draft.aggregation.rule} onChange={(value) => onChange(setAggregationRule(draft, value as 'highest' | 'weighted'))}>
        <Stack gap={6} mt="xs">
          <Radio value="highest" label={m.aggregationHighest} data-testid="aggregation-highest" />
          <Radio value="weighted" label={m.aggregationWeighted} data-testid="aggregation-weighted" />
        </Stack>
      </Radio.Group>
      {weights ? (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mt="sm">
          {draft.dimensions.map((dimension) => (
            <NumberInput
              key={dimension}
              label={m.weightLabel(m.dimensionLabels[dimension])}
              value={weights[dimension] ?? ''}
              min={0.01}
              max={100}
              decimalScale={2}
              step={0.5}
              onChange={(value) => onChange(setWeight(draft, dimension, typeof value === 'number' ? value : Number.NaN))}
              error={issues.get(`aggregation.weights.${dimension}`)}
              size="xs"
              data-testid={`weight-${dimension}`}
            />
          ))}
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}
