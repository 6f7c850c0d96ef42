/**
 * Editing a likelihood or impact scale (ISO/IEC 27001:2022 6.1.2 d 1–2: criteria for assessing the
 * consequences and likelihood): 3 to 10 levels with label and description. Removing or adding a level
 * renumbers the values and re-draws the matrix proportionally (method-draft.ts).
 */
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { SCALE_MAX_LEVELS, SCALE_MIN_LEVELS } from '../../../shared/contracts/risk-method.js';
import { addScaleLevel, canAddScaleLevel, canRemoveScaleLevel, removeScaleLevel, updateScaleLevel, type MethodDraft, type ScaleName } from './method-draft.js';
import { methodMessages as m } from './method-messages.js';

export interface ScaleEditorProps {
  draft: MethodDraft;
  scale: ScaleName;
  issues: ReadonlyMap<string, string>;
  onChange: (next: MethodDraft) => void;
}

export function ScaleEditor({ draft, scale, issues, onChange }: ScaleEditorProps) {
  const title = scale === 'likelihood' ? m.likelihoodScale : m.impactScale;
  const name = scale === 'likelihood' ? m.likelihood : m.impact;
  const levels = draft[scale];
  const scaleIssue = issues.get(scale);
  return (
    <Paper withBorder p="md" data-testid={`scale-${scale}`}>
      <Group justify="space-between" mb={4}>
        <Title order={3} fz="md">
          {title}
        </Title>
        <Badge variant="light" color="gray" styles={{ label: { textTransform: 'none' } }} data-testid={`scale-${scale}-size`}>
          {levels.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {m.scaleHint(SCALE_MIN_LEVELS, SCALE_MAX_LEVELS)}
      </Text>
      {scaleIssue ? (
        <Text size="sm" c="red.9" role="alert" mb="sm">
          {scale}: {scaleIssue}
        </Text>
      ) : null}
      <Stack gap="sm">
        {[...levels]
          .map((level, index) => ({ level, index }))
          .reverse()
          .map(({ level, index }) => (
            <Group key={index} align="flex-start" gap="sm" wrap="nowrap" data-testid={`scale-${scale}-level`} data-value={level.value}>
              <Badge variant="filled" color="gray.7" size="lg" mt={4} w={36} aria-hidden>
                {level.value}
              </Badge>
              <TextInput
                label={m.scaleLevelLabel(name, level.value)}
                value={level.label}
                onChange={(event) => onChange(updateScaleLevel(draft, scale, index, { label: event.currentTarget.value }))}
                error={issues.get(`${scale}.${index}.label`) ?? issues.get(`${scale}.${index}.value`)}
                required
                w={180}
                size="sm"
                data-testid={`scale-${scale}-label-${level.value}`}
              />
              <Textarea
                label={m.scaleLevelDescription(name, level.value)}
                value={level.description}
                onChange={(event) => onChange(updateScaleLevel(draft, scale, index, { description: event.currentTarget.value }))}
                error={issues.get(`${scale}.${index}.description`)}
                autosize
                minRows={1}
                maxRows={4}
                size="sm"
                style={{ flex: 1 }}
              />
              <Tooltip label={m.removeScaleLevel(name, level.value, level.label)}>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  mt={26}
                  disabled={!canRemoveScaleLevel(draft, scale)}
                  onClick={() => onChange(removeScaleLevel(draft, scale, index))}
                  aria-label={m.removeScaleLevel(name, level.value, level.label)}
                  data-testid={`scale-${scale}-remove-${level.value}`}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
      </Stack>
      <Button
        mt="sm"
        variant="default"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        disabled={!canAddScaleLevel(draft, scale)}
        onClick={() => onChange(addScaleLevel(draft, scale, m.newScaleLabel(levels.length + 1)))}
        data-testid={`scale-${scale}-add`}
      >
        {m.addScaleLevel}
      </Button>
    </Paper>
  );
}
