/**
 * Readiness charts (recharts): a stacked bar of the four statuses per framework and per section. Each has
 * a text alternative: the bar's accessible name states the counts, and a table shows the same figures.
 * Animations are off for people who prefer reduced motion and under browser automation (tests).
 */
import { Anchor, Box, Group, Table, Text } from '@mantine/core';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COMPLIANCE_STATUSES } from '../../../shared/compliance.js';
import type { TReadinessFigures } from '../../../shared/contracts/compliance.js';
import { TableCaption } from '../../ui/data-table.js';
import { STATUS_FILL } from './compliance-badges.js';
import { complianceMessages as m } from './messages.js';

export const isAnimationActive = typeof window !== 'undefined' && !navigator.webdriver && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function figuresSentence(figures: TReadinessFigures): string {
  return COMPLIANCE_STATUSES.map((s) => `${m.statuses[s]} ${figures.counts[s]}`).join(', ');
}

export const formatPercent = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`);

interface Row {
  key: string;
  label: string;
  figures: TReadinessFigures;
}

/** One horizontal stacked bar per row (framework or section); clicking a bar opens its drill-down. */
export function StatusBars({ rows, caption, onSelect, height }: { rows: Row[]; caption: string; onSelect?: (key: string) => void; height?: number }) {
  const data = rows.map((r) => ({ key: r.key, label: r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label, ...r.figures.counts }));
  return (
    <div role="img" aria-label={`${caption}. ${rows.map((r) => `${r.label}: ${figuresSentence(r.figures)}`).join('; ')}`} data-testid="status-bars">
      <ResponsiveContainer width="100%" height={height ?? Math.max(70, rows.length * 30 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={210} tick={{ fontSize: 11 }} />
          <Tooltip />
          {COMPLIANCE_STATUSES.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={m.statuses[status]}
              stackId="status"
              fill={STATUS_FILL[status]}
              isAnimationActive={isAnimationActive}
              cursor={onSelect ? 'pointer' : undefined}
              onClick={onSelect ? (entry: { payload?: { key?: string } }) => entry.payload?.key && onSelect(entry.payload.key) : undefined}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The same figures as a table (the charts' text alternative), each row optionally opening its drill-down. */
export function FiguresTable({ rows, caption, firstColumn, onSelect, testId }: { rows: (Row & { indent?: boolean })[]; caption: string; firstColumn: string; onSelect?: (key: string) => void; testId?: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover={Boolean(onSelect)} verticalSpacing={4} fz="sm" data-testid={testId}>
        <TableCaption>{caption}</TableCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            {COMPLIANCE_STATUSES.map((s) => (
              <Table.Th key={s} scope="col" ta="right">
                {m.statuses[s]}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {m.totalColumn}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {m.readinessColumn}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-section={row.key}>
              <Table.Th scope="row" fw={row.indent ? 400 : 600} pl={row.indent ? 'lg' : undefined}>
                {onSelect ? (
                  <Anchor component="button" type="button" size="sm" fw="inherit" ta="left" onClick={() => onSelect(row.key)} data-testid="open-section">
                    {row.label}
                  </Anchor>
                ) : (
                  row.label
                )}
              </Table.Th>
              {COMPLIANCE_STATUSES.map((s) => (
                <Table.Td key={s} ta="right">
                  {row.figures.counts[s]}
                </Table.Td>
              ))}
              <Table.Td ta="right">{row.figures.total}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatPercent(row.figures.readinessPercent)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The colour key, in words, with the counts and shares (the chart is never the only way to read them). */
export function StatusLegend({ figures }: { figures: TReadinessFigures }) {
  return (
    <Group gap="md" my={6} data-testid="status-legend">
      {COMPLIANCE_STATUSES.map((s) => (
        <Group key={s} gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ background: STATUS_FILL[s], borderRadius: 2 }} aria-hidden />
          <Text size="xs">{`${m.statuses[s]}: ${figures.counts[s]} (${formatPercent(figures.percentages[s])})`}</Text>
        </Group>
      ))}
    </Group>
  );
}
