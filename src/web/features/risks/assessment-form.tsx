/**
 * The assessment form (ISO/IEC 27001:2022 6.1.2 c–e; 45 CFR 164.308(a)(1)(ii)(A)): for each stage —
 * inherent, current, residual — a likelihood and one value per impact dimension of the organization's
 * method, each with the scale's label and description; a dimension may stay "not assessed". As values
 * change, the resulting impact and level are derived in the browser with the shared engine and the cell
 * is highlighted on the method's matrix (no round trip; the server derives the same on save).
 */
import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconEraser } from '@tabler/icons-react';
import type { ImpactDimension, TRiskMethod, TScaleLevel } from '../../../shared/contracts/risk-method.js';
import { RISK_STAGES, type RiskStage } from '../../../shared/contracts/risks.js';
import { emptyStage, liveStage, type AssessmentValues, type LiveStage, type StageValues } from './assessment-values.js';
import { riskMessages as m } from './messages.js';
import { LevelBadge, TEXT_WARNING } from './risk-badges.js';
import { RiskMatrix } from './risk-matrix.js';

const NOT_ASSESSED = '';

function scaleOptions(scale: readonly TScaleLevel[]) {
  return [{ value: NOT_ASSESSED, label: m.notAssessedOption }, ...scale.map((level) => ({ value: String(level.value), label: m.scaleOption(level.value, level.label) }))];
}

/** The chosen level's description under the select (the scale's own words), or nothing. */
function describe(scale: readonly TScaleLevel[], value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return scale.find((level) => level.value === value)?.description || undefined;
}

const toValue = (text: string): number | null => (text === NOT_ASSESSED ? null : Number(text));

function LiveResult({ method, live, stage }: { method: TRiskMethod; live: LiveStage; stage: RiskStage }) {
  if (live.state === 'not_assessed') {
    return (
      <Text size="sm" c="dimmed" data-testid={`assessment-${stage}-result`} data-state="not_assessed">
        {m.stageNotAssessed}
      </Text>
    );
  }
  if (live.state === 'incomplete') {
    return (
      <Text size="sm" c={TEXT_WARNING} data-testid={`assessment-${stage}-result`} data-state="incomplete">
        {Object.values(live.issues)
          .map((issue) => issue.charAt(0).toUpperCase() + issue.slice(1))
          .join('. ')}
        .
      </Text>
    );
  }
  const { result } = live;
  const impactLabel = method.impact.find((level) => level.value === result.impact)?.label ?? '';
  const level = method.levels.find((l) => l.key === result.levelKey) ?? null;
  return (
    <Stack gap={4} data-testid={`assessment-${stage}-result`} data-state="assessed" data-level={result.levelKey}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {m.derivedLevel}
        </Text>
        <LevelBadge level={level ? { key: level.key, label: level.label, colour: level.colour } : null} size="lg" />
      </Group>
      <Text size="sm">{m.derivedImpact(result.impact, impactLabel, method.aggregation.rule === 'highest' ? m.ruleHighest : m.ruleWeighted)}</Text>
      <Text size="xs" c="dimmed">
        {m.acceptedBy(m.authorities[result.acceptance])} · {m.reviewEvery(result.reviewCadenceMonths)}
      </Text>
    </Stack>
  );
}

export interface StageFieldsProps {
  method: TRiskMethod;
  stage: RiskStage;
  values: StageValues;
  onChange: (values: StageValues) => void;
  /** Problems keyed `<stage>.likelihood`, `<stage>.impacts`, `<stage>.impacts.<dimension>` or `<stage>`. */
  errors: Readonly<Record<string, string>>;
  /** The stage the "same as" button copies from. */
  copyFrom?: { stage: RiskStage; values: StageValues };
  disabled?: boolean;
}

export function StageFields({ method, stage, values, onChange, errors, copyFrom, disabled }: StageFieldsProps) {
  const live = liveStage(method, values);
  const highlight = live.state === 'assessed' ? { likelihood: live.result.likelihood, impact: live.result.impact } : null;
  const setImpact = (dimension: ImpactDimension, value: number | null) => onChange({ ...values, impacts: { ...values.impacts, [dimension]: value } });
  const stageError = errors[stage] ?? errors[`${stage}.impacts`];
  return (
    <Paper withBorder radius="md" p="lg" role="group" aria-labelledby={`assessment-${stage}-title`} data-testid={`assessment-${stage}`}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={3} fz="md" id={`assessment-${stage}-title`}>
            {m.stages[stage]}
          </Title>
          <Text size="xs" c="dimmed">
            {m.stageHints[stage]}
          </Text>
        </Stack>
        {disabled ? null : (
          <Group gap={4}>
            {copyFrom ? (
              <Button size="compact-xs" variant="subtle" leftSection={<IconCopy size={12} aria-hidden />} onClick={() => onChange(structuredClone(copyFrom.values))} data-testid={`assessment-${stage}-copy`}>
                {m.copyFrom(m.stages[copyFrom.stage])}
              </Button>
            ) : null}
            <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconEraser size={12} aria-hidden />} onClick={() => onChange(emptyStage())} data-testid={`assessment-${stage}-clear`}>
              {m.clearStage}
            </Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <NativeSelect
            label={m.likelihood}
            value={values.likelihood === null ? NOT_ASSESSED : String(values.likelihood)}
            data={scaleOptions(method.likelihood)}
            description={describe(method.likelihood, values.likelihood)}
            error={errors[`${stage}.likelihood`]}
            disabled={disabled}
            onChange={(event) => onChange({ ...values, likelihood: toValue(event.currentTarget.value) })}
            data-testid={`assessment-${stage}-likelihood`}
          />
          {method.dimensions.map((dimension) => (
            <NativeSelect
              key={dimension}
              label={m.impactOf(m.dimensions[dimension])}
              value={values.impacts[dimension] === null || values.impacts[dimension] === undefined ? NOT_ASSESSED : String(values.impacts[dimension])}
              data={scaleOptions(method.impact)}
              description={describe(method.impact, values.impacts[dimension])}
              error={errors[`${stage}.impacts.${dimension}`]}
              disabled={disabled}
              onChange={(event) => setImpact(dimension, toValue(event.currentTarget.value))}
              data-testid={`assessment-${stage}-impact-${dimension}`}
            />
          ))}
          {stageError ? (
            <Text size="sm" c="red.9" role="alert" data-testid={`assessment-${stage}-error`}>
              {stageError}
            </Text>
          ) : null}
        </Stack>
        <Stack gap="sm">
          <div aria-live="polite">
            <LiveResult method={method} live={live} stage={stage} />
          </div>
          <RiskMatrix method={method} caption={m.matrixCaption(m.stages[stage])} highlight={highlight} isCompact testId={`assessment-${stage}-matrix`} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

export interface AssessmentFieldsProps {
  method: TRiskMethod;
  /** The method version the form assesses under (shown, and recorded by the server on each stage). */
  methodVersion: number;
  values: AssessmentValues;
  onChange: (stage: RiskStage, values: StageValues) => void;
  errors: Readonly<Record<string, string>>;
  disabled?: boolean;
}

/** The three stages, each copying from the one before it on request. */
export function AssessmentFields({ method, methodVersion, values, onChange, errors, disabled }: AssessmentFieldsProps) {
  return (
    <Stack gap="md" data-testid="assessment-form" data-method-version={methodVersion}>
      <Group gap="xs">
        <Badge variant="default" styles={{ label: { textTransform: 'none' } }} data-testid="assessment-method">
          {method.name} · v{methodVersion}
        </Badge>
      </Group>
      {RISK_STAGES.map((stage, index) => {
        const previous = index > 0 ? RISK_STAGES[index - 1]! : null;
        return (
          <StageFields
            key={stage}
            method={method}
            stage={stage}
            values={values[stage]}
            onChange={(next) => onChange(stage, next)}
            errors={errors}
            copyFrom={previous ? { stage: previous, values: values[previous] } : undefined}
            disabled={disabled}
          />
        );
      })}
    </Stack>
  );
}
