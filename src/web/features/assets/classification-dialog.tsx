/** Add or change a classification level and its handling rules (A.5.12, A.5.13); gaps follow the rules at once. */
import { Button, ColorInput, Group, Modal, NumberInput, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ZClassificationFields, type ZClassificationLevel } from '../../../shared/contracts/assets.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { createLevel, invalidateAssets, updateLevel } from './assets-api.js';
import { assetMessages as m } from './messages.js';

export type Level = z.infer<typeof ZClassificationLevel>;
const RULES = ['encryptionAtRestRequired', 'encryptionInTransitRequired', 'mfaRequired', 'byodAllowed', 'leaveOnlyUnderAgreement'] as const;
const SWATCHES = ['#2f9e44', '#1c7ed6', '#f08c00', '#e03131', '#7048e8', '#495057'];

function LevelForm({ orgId, level, nextRank, onDone }: { orgId: string; level: Level | null; nextRank: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useContractForm({
    initialValues: {
      name: level?.name ?? '',
      rank: level?.rank ?? nextRank,
      colour: level?.colour ?? '#1c7ed6',
      description: level?.description ?? '',
      encryptionAtRestRequired: level?.encryptionAtRestRequired ?? false,
      encryptionInTransitRequired: level?.encryptionInTransitRequired ?? true,
      mfaRequired: level?.mfaRequired ?? false,
      byodAllowed: level?.byodAllowed ?? true,
      leaveOnlyUnderAgreement: level?.leaveOnlyUnderAgreement ?? false,
      retention: level?.retention ?? '',
    },
    schema: ZClassificationFields,
    labels: m.levelFields,
    toRequest: (values) => ({ ...values, description: values.description.trim() || null, retention: values.retention.trim() || null }),
  });
  const submit = form.onSubmit(async (request) => {
    if (level) await updateLevel(orgId, level.id, request);
    else await createLevel(orgId, request);
    await invalidateAssets(queryClient, orgId);
    notifications.show({ color: 'green', message: m.levelSaved });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate data-testid="level-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput {...form.textProps('name')} required data-autofocus data-testid="level-name" />
          <NumberInput
            label={m.levelFields.rank}
            description={m.rankHint}
            required
            min={0}
            max={100}
            allowDecimal={false}
            value={form.values.rank}
            error={form.errors.rank}
            onChange={(value) => form.setValue('rank', typeof value === 'number' ? value : Number(value))}
            data-testid="level-rank"
          />
          <ColorInput
            label={m.levelFields.colour}
            description={m.colourHint}
            required
            format="hex"
            swatches={SWATCHES}
            withEyeDropper={false}
            value={form.values.colour}
            error={form.errors.colour}
            onChange={(value) => form.setValue('colour', value)}
            data-testid="level-colour"
          />
          <TextInput {...form.textProps('retention')} description={m.retentionHint} data-testid="level-retention" />
        </SimpleGrid>
        <Textarea {...form.textProps('description')} autosize minRows={2} data-testid="level-description" />
        <Stack gap="sm">
          {RULES.map((rule) => (
            <Switch key={rule} label={m.levelFields[rule]} checked={form.values[rule]} error={form.errors[rule]} onChange={(event) => form.setValue(rule, event.currentTarget.checked)} data-testid={`level-${rule}`} />
          ))}
        </Stack>
        <Text size="xs" c="dimmed">
          {m.levelRecorded}
        </Text>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(level) && !form.isDirty} data-testid="level-save">
            {level ? m.save : m.addLevel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `level` undefined: closed; null: a new level; a level: change it. */
export function ClassificationDialog({ orgId, level, nextRank, onClose }: { orgId: string; level: Level | null | undefined; nextRank: number; onClose: () => void }) {
  return (
    <Modal opened={level !== undefined} onClose={onClose} title={level ? m.editLevel(level.name) : m.levelFormNew} centered size="lg">
      {level !== undefined ? <LevelForm key={level?.id ?? 'new'} orgId={orgId} level={level} nextRank={nextRank} onDone={onClose} /> : null}
    </Modal>
  );
}

export const HANDLING_RULES = RULES;
