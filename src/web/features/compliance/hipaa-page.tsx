/**
 * Check → HIPAA Security Rule (45 CFR 164.308–164.316): safeguards → standards → implementation
 * specifications in CFR order, each with its citation, R/A flag, the regulation's text, the status derived
 * from its controls and, for an addressable specification, its 164.306(d)(3) decision.
 */
import { Accordion, Alert, Anchor, Button, Collapse, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { THipaaSpecification, THipaaStandard, THipaaView } from '../../../shared/contracts/compliance.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { ComplianceBadge, ObligationBadge } from './compliance-badges.js';
import { ControlLinks } from './control-links.js';
import { hipaaQuery } from './compliance-api.js';
import { DecisionDrawer } from './hipaa-decision-drawer.js';
import { complianceMessages as m } from './messages.js';
import { FiguresTable, formatPercent, StatusBars, StatusLegend } from './readiness-charts.js';

function CfrText({ text, id }: { text: string | null; id: string }) {
  const [isOpen, setOpen] = useState(false);
  if (!text) return null;
  const panelId = `cfr-${id.replace(/[^a-zA-Z0-9]/g, '-')}`;
  return (
    <>
      <Anchor component="button" type="button" size="xs" onClick={() => setOpen((open) => !open)} aria-expanded={isOpen} aria-controls={panelId} data-testid="toggle-cfr-text">
        {isOpen ? m.hideText : m.showText}
      </Anchor>
      <Collapse expanded={isOpen} id={panelId}>
        <Text size="sm" mt={4} p="xs" bg="var(--mantine-color-gray-0)" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }} data-testid="cfr-text">
          {text}
        </Text>
      </Collapse>
    </>
  );
}

function SpecificationRows({ orgId, standard, onOpen }: { orgId: string; standard: THipaaStandard; onOpen: (spec: THipaaSpecification) => void }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" fz="sm" data-testid="hipaa-specifications">
        <TableCaption>{`${standard.ref} ${standard.title}`}</TableCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={150}>{m.columns.ref}</Table.Th>
            <Table.Th scope="col">{m.columns.title}</Table.Th>
            <Table.Th scope="col" w={130}>{m.columns.flag}</Table.Th>
            <Table.Th scope="col" w={170}>{m.columns.status}</Table.Th>
            <Table.Th scope="col" w={130}>{m.columns.controls}</Table.Th>
            <Table.Th scope="col" w={80} ta="right">{m.columns.evidence}</Table.Th>
            <Table.Th scope="col" w={170}>{m.columns.decision}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {standard.specifications.map((spec) => (
            <Table.Tr key={spec.id} data-testid="hipaa-spec" data-ref={spec.ref}>
              <Table.Td ff="monospace">{spec.ref}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {spec.title}
                </Text>
                <CfrText text={spec.text} id={spec.id} />
              </Table.Td>
              <Table.Td>
                <ObligationBadge obligation={spec.obligation} />
              </Table.Td>
              <Table.Td>
                <ComplianceBadge status={spec.status} basis={spec.basis} />
              </Table.Td>
              <Table.Td>
                <ControlLinks orgId={orgId} controls={spec.decision?.decision === 'alternative' ? spec.decision.controls : spec.controls} />
              </Table.Td>
              <Table.Td ta="right">{spec.evidenceCount}</Table.Td>
              <Table.Td>
                {spec.obligation === 'addressable' ? (
                  <Stack gap={2} align="flex-start">
                    {spec.decision ? <Text size="xs">{m.decisions[spec.decision.decision]}</Text> : null}
                    <Button size="compact-xs" variant={spec.decision ? 'default' : 'filled'} onClick={() => onOpen(spec)} data-testid="open-decision">
                      {spec.decision ? m.viewDecision : m.recordDecision}
                    </Button>
                  </Stack>
                ) : (
                  <Text size="xs" c="dimmed">
                    {m.noDecisionNeeded}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StandardCard({ orgId, standard, onOpen }: { orgId: string; standard: THipaaStandard; onOpen: (spec: THipaaSpecification) => void }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="hipaa-standard" data-ref={standard.ref}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Stack gap={2}>
          <Title order={3} fz="md">
            <Text span ff="monospace" fw={700}>
              {standard.ref}
            </Text>{' '}
            {standard.title}
          </Title>
          <CfrText text={standard.text} id={standard.id} />
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <ObligationBadge obligation="required" />
          <ComplianceBadge status={standard.status} basis={standard.basis} />
        </Group>
      </Group>
      {standard.specifications.length > 0 ? (
        <SpecificationRows orgId={orgId} standard={standard} onOpen={onOpen} />
      ) : (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {m.standardHasNoSpecs}
          </Text>
          <Group gap="lg">
            <ControlLinks orgId={orgId} controls={standard.controls} />
            <Text size="sm">{m.evidenceCount(standard.evidenceCount)}</Text>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function Summary({ view }: { view: THipaaView }) {
  const rows = view.safeguards.map((s) => ({ key: s.key, label: `${s.label} (${s.cfr})`, figures: s.figures }));
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md" mb="lg">
      <Paper withBorder radius="md" p="md" data-testid="hipaa-readiness">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {m.readinessLabel}
        </Text>
        <Text fz={32} fw={700} lh={1.2}>
          {formatPercent(view.figures.readinessPercent)}
        </Text>
        <Text size="xs" c="dimmed">
          {m.readinessHint}
        </Text>
        <Text size="sm" mt="xs">
          {m.specCounts(view.standardCount, view.specificationCount.required, view.specificationCount.addressable)}
        </Text>
        {view.decisionsMissing > 0 ? (
          <Alert mt="sm" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" data-testid="decisions-missing">
            {m.decisionsMissing(view.decisionsMissing)}
          </Alert>
        ) : (
          <Alert mt="sm" color="green" variant="light" icon={<IconCircleCheck aria-hidden />} p="xs">
            {m.allDecided}
          </Alert>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md" style={{ gridColumn: 'span 2' }}>
        <StatusBars rows={rows} caption={m.sectionsCaption(m.hipaaTitle)} />
        <StatusLegend figures={view.figures} />
        <FiguresTable rows={rows} caption={m.sectionsCaption(m.hipaaTitle)} firstColumn={m.sectionColumn} testId="hipaa-figures" />
      </Paper>
    </SimpleGrid>
  );
}

export function HipaaPage() {
  const { orgId } = useCurrentOrg();
  const query = useQuery(hipaaQuery(orgId));
  const [openRef, setOpenRef] = useState<string | null>(null);
  const header = <PageHeader eyebrow={m.check} title={m.hipaaTitle} description={m.hipaaDescription} testId="hipaa-title" />;
  if (query.isPending) return (<>{header}<LoadingState rows={10} /></>);
  if (query.isError) return (<>{header}<ErrorState error={query.error} onRetry={() => void query.refetch()} /></>);
  const view = query.data;
  if (!view.loaded) return (<>{header}<EmptyState title={m.hipaaNotLoaded} description={m.hipaaNotLoadedBody} /></>);
  const specs = view.safeguards.flatMap((s) => s.standards.flatMap((st) => st.specifications));
  const open = openRef ? (specs.find((s) => s.ref === openRef) ?? null) : null;
  return (
    <>
      {header}
      <Summary view={view} />
      <Accordion multiple defaultValue={view.safeguards.map((s) => s.key)} variant="separated" chevronPosition="left">
        {view.safeguards.map((safeguard) => (
          <Accordion.Item key={safeguard.key} value={safeguard.key} data-testid="hipaa-safeguard" data-safeguard={safeguard.key}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" pr="sm">
                <Text fw={600}>
                  {safeguard.label} <Text span c="dimmed" ff="monospace">({safeguard.cfr})</Text>
                </Text>
                <Text size="sm" c="dimmed">
                  {`${m.statuses.compliant}: ${safeguard.figures.counts.compliant} / ${safeguard.figures.total} · ${m.readinessLabel} ${formatPercent(safeguard.figures.readinessPercent)}`}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                {safeguard.standards.map((standard) => (
                  <StandardCard key={standard.id} orgId={orgId} standard={standard} onOpen={(spec) => setOpenRef(spec.ref)} />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <DecisionDrawer orgId={orgId} spec={open} canDecide={view.abilities.decide} onClose={() => setOpenRef(null)} />
    </>
  );
}
