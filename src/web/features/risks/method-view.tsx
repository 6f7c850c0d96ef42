/**
 * A risk method read-only (ISO/IEC 27001:2022 6.1.2 a–c; the criteria that make repeated assessments
 * comparable): its scales with their descriptions, the impact dimensions and aggregation, the levels
 * with who may accept them and how often they are reviewed, and the matrix.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { TableCaption } from '../../ui/data-table.js';
import { readableTextColour } from './level-colour.js';
import { levelsByRank } from './method-draft.js';
import { methodMessages as m } from './method-messages.js';
import { RiskMatrix } from './risk-matrix.js';

export function LevelSwatch({ label, colour, testId }: { label: string; colour: string; testId?: string }) {
  return (
    <Badge radius="sm" styles={{ root: { backgroundColor: colour, color: readableTextColour(colour), minWidth: 'max-content' }, label: { textTransform: 'none' } }} data-testid={testId ?? 'level-swatch'}>
      {label}
    </Badge>
  );
}

function ScaleTable({ title, levels }: { title: string; levels: TRiskMethod['likelihood'] }) {
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="method-scale">
      <TableCaption>{m.scaleCaption(title)}</TableCaption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={60}>
            {m.levelValue}
          </Table.Th>
          <Table.Th scope="col" w={160}>
            {m.levelLabel}
          </Table.Th>
          <Table.Th scope="col">{m.levelDescription}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...levels].reverse().map((level) => (
          <Table.Tr key={level.value}>
            <Table.Td>{level.value}</Table.Td>
            <Table.Td fw={600}>{level.label}</Table.Td>
            <Table.Td c="dimmed">{level.description}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function LevelsTable({ method }: { method: TRiskMethod }) {
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="method-levels">
      <TableCaption>{m.levelsCaption}</TableCaption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{m.levelRank}</Table.Th>
          <Table.Th scope="col">{m.levelLabel}</Table.Th>
          <Table.Th scope="col">{m.levelAcceptance}</Table.Th>
          <Table.Th scope="col">{m.levelCadence}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {levelsByRank(method)
          .reverse()
          .map((level) => (
            <Table.Tr key={level.key} data-level={level.key}>
              <Table.Td>{level.rank}</Table.Td>
              <Table.Td>
                <LevelSwatch label={level.label} colour={level.colour} />
              </Table.Td>
              <Table.Td>{m.acceptanceLabels[level.acceptance]}</Table.Td>
              <Table.Td>{m.cadence(level.reviewCadenceMonths)}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

export function MethodView({ method, testId }: { method: TRiskMethod; testId?: string }) {
  const weights = method.aggregation.rule === 'weighted' ? method.aggregation.weights : null;
  return (
    <Stack gap="lg" data-testid={testId ?? 'method-view'}>
      <div>
        <Title order={2} fz="lg" data-testid="method-name">
          {method.name}
        </Title>
        {method.description ? <Text c="dimmed">{method.description}</Text> : null}
      </div>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Title order={3} fz="md" mb="sm">
            {m.matrixViewTitle}
          </Title>
          <RiskMatrix method={method} caption={m.matrixCaption(method.name)} hasLegend testId="method-view-matrix" />
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} fz="md" mb="sm">
            {m.dimensionsTitle}
          </Title>
          <Group gap="xs" mb="xs" data-testid="method-dimensions">
            {method.dimensions.map((dimension) => (
              <Badge key={dimension} variant="light" styles={{ label: { textTransform: 'none' } }}>
                {m.dimensionLabels[dimension]}
                {weights ? ` × ${weights[dimension] ?? 0}` : ''}
              </Badge>
            ))}
          </Group>
          <Text size="sm" mb="md">
            {m.aggregationSummary(method.aggregation.rule)}
          </Text>
          <Title order={3} fz="md" mb="sm">
            {m.levelsTitle}
          </Title>
          <LevelsTable method={method} />
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Title order={3} fz="md" mb="sm">
            {m.likelihoodScale}
          </Title>
          <ScaleTable title={m.likelihood} levels={method.likelihood} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} fz="md" mb="sm">
            {m.impactScale}
          </Title>
          <ScaleTable title={m.impact} levels={method.impact} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
