/**
 * Adjusting one re-mapped assessment before a method change is applied (issue 5: "adjust per risk before
 * applying"): values on the new scales, with the level derived as they change by the shared engine (no
 * round trip). Rows with no rated dimension left cannot be applied until adjusted here.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ImpactDimension, TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { TRemapAdjustment, TRemapPreviewRow } from '../../../shared/contracts/risks.js';
import { assess, assessmentIssues } from '../../../shared/risk-method.js';
import { uiMessages } from '../../ui/messages.js';
import { methodMessages as m } from './method-messages.js';
import { LevelSwatch } from './method-view.js';

/** The level an adjustment derives under the new method, or null while it rates no dimension. */
export function derivedLevel(method: TRiskMethod, values: Pick<TRemapAdjustment, 'likelihood' | 'impacts'>): { key: string; label: string } | null {
  if (assessmentIssues(method, values).length > 0) return null;
  const result = assess(method, values);
  return { key: result.levelKey, label: result.levelLabel };
}

export interface AdjustDialogProps {
  row: TRemapPreviewRow;
  draft: TRiskMethod;
  initial: Pick<TRemapAdjustment, 'likelihood' | 'impacts'> | null;
  colourOf: (key: string) => string;
  onClose: () => void;
  onSave: (values: Pick<TRemapAdjustment, 'likelihood' | 'impacts'>) => void;
}

export function AdjustDialog({ row, draft, initial, colourOf, onClose, onSave }: AdjustDialogProps) {
  const start = initial ?? row.preview.proposed;
  const [likelihood, setLikelihood] = useState(start.likelihood);
  const [impacts, setImpacts] = useState<Partial<Record<ImpactDimension, number | null>>>(() => ({ ...start.impacts }));
  const values = { likelihood, impacts: Object.fromEntries(draft.dimensions.map((d) => [d, impacts[d] ?? null])) as Partial<Record<ImpactDimension, number | null>> };
  const level = derivedLevel(draft, values);
  const stage = m.stages[row.stage];
  const oldOf = (dimension: ImpactDimension) => row.preview.dimensions.find((d) => d.dimension === dimension)?.old ?? null;
  return (
    <Modal opened onClose={onClose} title={m.adjustTitle(row.ref, stage)} size="lg" centered>
      <Stack gap="sm" data-testid="adjust-dialog">
        <Text size="sm">{m.adjustIntro(row.title)}</Text>
        <NativeSelect
          label={m.adjustLikelihood}
          description={m.adjustWas(row.preview.likelihood.old)}
          value={String(likelihood)}
          data={draft.likelihood.map((l) => ({ value: String(l.value), label: `${l.value} — ${l.label}` }))}
          onChange={(event) => setLikelihood(Number(event.currentTarget.value))}
          data-testid="adjust-likelihood"
        />
        {draft.dimensions.map((dimension) => (
          <NativeSelect
            key={dimension}
            label={m.adjustImpact(m.dimensionLabels[dimension])}
            description={m.adjustWas(oldOf(dimension))}
            value={impacts[dimension] ? String(impacts[dimension]) : ''}
            data={[{ value: '', label: m.adjustNotRated }, ...draft.impact.map((i) => ({ value: String(i.value), label: `${i.value} — ${i.label}` }))]}
            onChange={(event) => {
              // Read the value now: React clears currentTarget before a state updater runs.
              const value = event.currentTarget.value ? Number(event.currentTarget.value) : null;
              setImpacts((current) => ({ ...current, [dimension]: value }));
            }}
            data-testid={`adjust-impact-${dimension}`}
          />
        ))}
        <Group gap="xs" aria-live="polite" data-testid="adjust-result">
          {level ? (
            <>
              <Text size="sm">{m.adjustResult}</Text>
              <LevelSwatch label={level.label} colour={colourOf(level.key)} />
            </>
          ) : (
            <Text size="sm" c="red.9">
              {m.adjustResultNone}
            </Text>
          )}
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {uiMessages.cancel}
          </Button>
          <Button disabled={!level} onClick={() => onSave({ likelihood, impacts: Object.fromEntries(Object.entries(values.impacts).filter(([, v]) => v !== null)) })} data-testid="adjust-save">
            {m.adjustSave}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
