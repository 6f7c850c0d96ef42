/**
 * Individuals affected per US State or territory (164.406: media notice above 500 residents of one State)
 * or per EU/EEA country (GDPR Art. 33: the supervisory authorities concerned): rows of a code and a count.
 */
import { ActionIcon, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { CountRow } from './incident-form-values.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.overview;

export interface CountRowsEditorProps {
  /** The field's label (also the table's name). */
  label: string;
  codeLabel: string;
  codes: readonly string[];
  rows: CountRow[];
  onChange: (rows: CountRow[]) => void;
  addLabel: string;
  error?: string;
  testId: string;
}

export function CountRowsEditor({ label, codeLabel, codes, rows, onChange, addLabel, error, testId }: CountRowsEditorProps) {
  const titleId = `${testId}-title`;
  const update = (key: number, patch: Partial<CountRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((row) => row.key)) + 1, code: '', count: '' }]);
  return (
    <Stack gap={4} data-testid={testId}>
      <Text fw={500} size="sm" id={titleId}>
        {label}
      </Text>
      {rows.length > 0 ? (
        <Table aria-labelledby={titleId} maw={420} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{codeLabel}</Table.Th>
              <Table.Th scope="col">{m.count}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{m.removeRow('')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>
                  <NativeSelect aria-label={codeLabel} value={row.code} data={[{ value: '', label: '—' }, ...codes.map((code) => ({ value: code, label: code }))]} onChange={(event) => update(row.key, { code: event.currentTarget.value })} />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={row.code ? `${m.count} (${row.code})` : m.count} type="number" min={0} value={row.count} onChange={(event) => update(row.key, { count: event.currentTarget.value })} w={140} />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={m.removeRow(row.code)} onClick={() => onChange(rows.filter((item) => item.key !== row.key))}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {error ? (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={add} data-testid={`${testId}-add`}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
