/**
 * Editing the risk levels (ISO/IEC 27001:2022 6.1.2 a 1: risk acceptance criteria; 8.2 planned
 * intervals): 2 to 6 levels in rank order, each with key, label, colour, who may accept it and its
 * review cadence. Acceptance must not loosen as the rank rises; `ZRiskMethod` says where it does.
 */
import { ActionIcon, Button, ColorInput, Group, NativeSelect, NumberInput, Paper, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ACCEPTANCE_AUTHORITIES, RISK_LEVELS_MAX, RISK_LEVELS_MIN, REVIEW_MONTHS_MAX, REVIEW_MONTHS_MIN, type AcceptanceAuthority } from '../../../shared/contracts/risk-method.js';
import { TableCaption } from '../../ui/data-table.js';
import { addRiskLevel, canAddRiskLevel, canRemoveRiskLevel, moveRiskLevel, removeRiskLevel, updateRiskLevel, type MethodDraft } from './method-draft.js';
import { methodMessages as m } from './method-messages.js';

const SWATCHES = ['#2f9e44', '#66a80f', '#f59f00', '#e8590c', '#c92a2a', '#862e9c', '#5f3dc4', '#1864ab', '#0b7285', '#495057'];

const LEVEL_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * A level's key is its identifier (the register's level filter uses it), so a rename is applied when the
 * field is left, only when the key is well formed and unused; the matrix cells follow it. Applying it
 * per keystroke would merge two levels' cells the moment the typed key matched another level's.
 */
function LevelKeyInput({ draft, levelKey, label, error, onChange, testId }: { draft: MethodDraft; levelKey: string; label: string; error?: string; onChange: (next: MethodDraft) => void; testId: string }) {
  const [text, setText] = useState(levelKey);
  const [problem, setProblem] = useState<string | null>(null);
  const [shownKey, setShownKey] = useState(levelKey);
  if (shownKey !== levelKey) {
    setShownKey(levelKey);
    setText(levelKey);
    setProblem(null);
  }
  const commit = () => {
    const key = text.trim();
    if (key === levelKey) return setProblem(null);
    if (!LEVEL_KEY.test(key)) return setProblem(m.levelKeyFormat);
    if (draft.levels.some((level) => level.key === key)) return setProblem(m.levelKeyTaken(key));
    setProblem(null);
    onChange(updateRiskLevel(draft, levelKey, { key }));
  };
  return (
    <TextInput
      aria-label={label}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
      error={problem ? `key: ${problem}` : error}
      size="xs"
      w={120}
      data-testid={testId}
    />
  );
}

export interface LevelsEditorProps {
  draft: MethodDraft;
  issues: ReadonlyMap<string, string>;
  onChange: (next: MethodDraft) => void;
}

export function LevelsEditor({ draft, issues, onChange }: LevelsEditorProps) {
  // Issues name levels by their index in `draft.levels`; the editor lists them by rank.
  const rows = draft.levels.map((level, index) => ({ level, index })).sort((a, b) => a.level.rank - b.level.rank);
  const issue = (index: number, field: string) => issues.get(`levels.${index}.${field}`);
  const levelsIssue = issues.get('levels');
  return (
    <Paper withBorder p="md" data-testid="levels-editor">
      <Title order={3} fz="md" mb={4}>
        {m.levelsTitle}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {m.levelsHint}
      </Text>
      {levelsIssue ? (
        <Text size="sm" c="red.9" role="alert" mb="sm">
          levels: {levelsIssue}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing={6} fz="sm">
          <TableCaption>{m.levelsCaption}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={50}>
                {m.levelRank}
              </Table.Th>
              <Table.Th scope="col">{m.levelKey}</Table.Th>
              <Table.Th scope="col">{m.levelLabel}</Table.Th>
              <Table.Th scope="col">{m.levelColour}</Table.Th>
              <Table.Th scope="col">{m.levelAcceptance}</Table.Th>
              <Table.Th scope="col">{m.levelCadence}</Table.Th>
              <Table.Th scope="col" w={110}>
                <VisuallyHidden>{m.actionsColumn}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ level, index }, position) => {
              const name = level.label || level.key;
              return (
                <Table.Tr key={index} data-testid="level-row" data-level={level.key} style={{ verticalAlign: 'top' }}>
                  <Table.Td pt={14}>{level.rank}</Table.Td>
                  <Table.Td>
                    <LevelKeyInput draft={draft} levelKey={level.key} label={m.levelKeyOf(name)} error={issue(index, 'key')} onChange={onChange} testId={`level-key-${position + 1}`} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={m.levelLabelOf(level.rank)} value={level.label} onChange={(event) => onChange(updateRiskLevel(draft, level.key, { label: event.currentTarget.value }))} error={issue(index, 'label')} size="xs" w={130} required data-testid={`level-label-${position + 1}`} />
                  </Table.Td>
                  <Table.Td>
                    <ColorInput
                      aria-label={m.levelColourOf(name)}
                      value={level.colour}
                      onChange={(colour) => onChange(updateRiskLevel(draft, level.key, { colour }))}
                      error={issue(index, 'colour')}
                      format="hex"
                      swatches={SWATCHES}
                      withEyeDropper={false}
                      size="xs"
                      w={120}
                      data-testid={`level-colour-${position + 1}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={m.levelAcceptanceOf(name)}
                      value={level.acceptance}
                      data={ACCEPTANCE_AUTHORITIES.map((value) => ({ value, label: m.acceptanceLabels[value] }))}
                      onChange={(event) => onChange(updateRiskLevel(draft, level.key, { acceptance: event.currentTarget.value as AcceptanceAuthority }))}
                      error={issue(index, 'acceptance')}
                      size="xs"
                      w={190}
                      data-testid={`level-acceptance-${position + 1}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={m.levelCadenceOf(name)}
                      value={level.reviewCadenceMonths}
                      min={REVIEW_MONTHS_MIN}
                      max={REVIEW_MONTHS_MAX}
                      allowDecimal={false}
                      allowNegative={false}
                      onChange={(value) => onChange(updateRiskLevel(draft, level.key, { reviewCadenceMonths: typeof value === 'number' ? value : Number.NaN }))}
                      error={issue(index, 'reviewCadenceMonths')}
                      size="xs"
                      w={90}
                      data-testid={`level-cadence-${position + 1}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label={m.moveLevelDown(name)}>
                        <ActionIcon variant="subtle" color="gray.8" disabled={position === 0} onClick={() => onChange(moveRiskLevel(draft, level.key, -1))} aria-label={m.moveLevelDown(name)}>
                          <IconArrowDown size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={m.moveLevelUp(name)}>
                        <ActionIcon variant="subtle" color="gray.8" disabled={position === rows.length - 1} onClick={() => onChange(moveRiskLevel(draft, level.key, 1))} aria-label={m.moveLevelUp(name)}>
                          <IconArrowUp size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={m.removeLevel(name)}>
                        <ActionIcon variant="subtle" color="red.9" disabled={!canRemoveRiskLevel(draft)} onClick={() => onChange(removeRiskLevel(draft, level.key))} aria-label={m.removeLevel(name)} data-testid={`level-remove-${position + 1}`}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="sm">
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} disabled={!canAddRiskLevel(draft)} onClick={() => onChange(addRiskLevel(draft))} data-testid="level-add">
          {m.addLevel}
        </Button>
        <Text size="xs" c="dimmed">
          {RISK_LEVELS_MIN}–{RISK_LEVELS_MAX}
        </Text>
      </Group>
    </Paper>
  );
}
