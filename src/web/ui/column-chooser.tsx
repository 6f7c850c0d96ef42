/**
 * Column choice for a register table (UX: lists let people choose their columns): which optional columns
 * show, kept in this browser per register, and the popover of checkboxes that changes it. The identifying
 * columns (reference, name, title) always show; the register lists only its optional ones here.
 */
import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useCallback, useState } from 'react';

function readStored<K extends string>(storageKey: string, all: readonly K[], defaults: readonly K[]): K[] {
  try {
    const raw = window.localStorage.getItem(storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!Array.isArray(parsed)) return [...defaults];
    return all.filter((column) => parsed.includes(column));
  } catch {
    // Storage can be disabled by policy on hospital workstations; the defaults are used.
    return [...defaults];
  }
}

/** The visible optional columns (in the register's order) and the setter that keeps the choice. */
export function useColumnChoice<K extends string>(storageKey: string, all: readonly K[], defaults: readonly K[]): [K[], (next: K[]) => void] {
  const [columns, setColumns] = useState<K[]>(() => readStored(storageKey, all, defaults));
  const choose = useCallback(
    (next: K[]) => {
      const ordered = all.filter((column) => next.includes(column));
      setColumns(ordered);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(ordered));
      } catch {
        // Not persisted; the choice still holds for this page.
      }
    },
    [all, storageKey],
  );
  return [columns, choose];
}

export interface ColumnChooserProps<K extends string> {
  all: readonly K[];
  labels: Readonly<Record<K, string>>;
  visible: K[];
  onChange: (next: K[]) => void;
  buttonLabel: string;
  legend: string;
  testId: string;
}

export function ColumnChooser<K extends string>({ all, labels, visible, onChange, buttonLabel, legend, testId }: ColumnChooserProps<K>) {
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={16} aria-hidden />} data-testid={testId}>
          {buttonLabel}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group label={legend} value={visible} onChange={(next) => onChange(next as K[])}>
          <Stack gap={6} mt="xs">
            {all.map((column) => (
              <Checkbox key={column} value={column} label={labels[column]} size="sm" />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
