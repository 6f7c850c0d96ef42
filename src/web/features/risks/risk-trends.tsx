/**
 * Risks per level over time (issue 5 item 7; ISO/IEC 27001:2022 9.1 monitoring, 9.3.2 c trends): the
 * monthly snapshots of the last 12 months and the live count now, as a stacked bar chart in the levels'
 * colours with a table alternative (the same figures, readable without colour or a mouse). Animations
 * are off for people who prefer reduced motion and under browser automation.
 */
import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconChartBar, IconTable } from '@tabler/icons-react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RiskStage } from '../../../shared/contracts/risks.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { methodMessages as m } from './method-messages.js';
import { OTHER_LEVELS, trendRows } from './heatmap-data.js';
import { useRiskTrends } from './risk-method-api.js';

const isAnimationActive = typeof window !== 'undefined' && !navigator.webdriver && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
const OTHER_COLOUR = '#868e96';

export function RiskTrends({ orgId, stage, asTable, onToggle }: { orgId: string; stage: RiskStage; asTable: boolean; onToggle: (asTable: boolean) => void }) {
  const trend = useRiskTrends(orgId, { stage, months: 12 });
  const stageLabel = m.stages[stage];
  const data = trend.data ? trendRows(trend.data) : null;
  const levels = trend.data ? [...trend.data.levels].sort((a, b) => a.rank - b.rank) : [];
  const series = [...levels.map((level) => ({ key: level.key, label: level.label, colour: level.colour })), ...(data?.hasOther ? [{ key: OTHER_LEVELS, label: m.earlierLevels, colour: OTHER_COLOUR }] : [])];

  return (
    <Paper withBorder p="md" mt="lg" data-testid="risk-trends" data-stage={stage}>
      <Group justify="space-between" mb={4} align="flex-start">
        <div>
          <Title order={2} fz="lg">
            {m.trendsTitle} — {stageLabel}
          </Title>
          <Text size="sm" c="dimmed">
            {m.trendsHint}
          </Text>
        </div>
        <Button variant="default" size="xs" leftSection={asTable ? <IconChartBar size={14} aria-hidden /> : <IconTable size={14} aria-hidden />} onClick={() => onToggle(!asTable)} data-testid="trends-toggle">
          {asTable ? m.showChart : m.showTable}
        </Button>
      </Group>
      {trend.error ? <ErrorState error={trend.error} onRetry={() => void trend.refetch()} /> : null}
      {trend.isLoading ? <LoadingState rows={5} /> : null}
      {data && data.rows.length <= 1 ? (
        <Text size="sm" c="dimmed" mb="sm" data-testid="trends-empty">
          {m.trendsEmpty}
        </Text>
      ) : null}
      {data && !asTable ? (
        <div role="img" aria-label={`${m.trendsCaption(stageLabel)}. ${data.rows.map((row) => `${row.label}: ${series.map((s) => `${s.label} ${row.counts[s.key] ?? 0}`).join(', ')}`).join('; ')}`} data-testid="trends-chart">
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={data.rows.map((row) => ({ label: row.label, ...row.counts }))} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="levels" fill={s.colour} isAnimationActive={isAnimationActive} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      {data && asTable ? (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table striped verticalSpacing={4} fz="sm" data-testid="trends-table">
            <TableCaption>{m.trendsCaption(stageLabel)}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.monthColumn}</Table.Th>
                {series.map((s) => (
                  <Table.Th key={s.key} scope="col" ta="right">
                    {s.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {m.totalColumn}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((row) => (
                <Table.Tr key={row.key} data-month={row.key}>
                  <Table.Th scope="row" fw={row.key === 'now' ? 700 : 400}>
                    {row.label}
                  </Table.Th>
                  {series.map((s) => (
                    <Table.Td key={s.key} ta="right">
                      {row.counts[s.key] ?? 0}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {row.total}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}
