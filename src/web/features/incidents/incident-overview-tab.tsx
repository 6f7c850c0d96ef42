/**
 * An incident's record, read-only, with "Edit incident" for handlers (incident.handle): dates (the HIPAA
 * clocks run from discovery, the GDPR 72 hours from awareness), scope, individuals per State and
 * country, PHI and HHS portal fields, the law-enforcement delay (164.412), root cause and lessons learned.
 */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { TIncident, TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate, formatDateTime, zoneLabel } from '../../kernel/format.js';
import { RouterAnchor } from '../../ui/links.js';
import { hasPermission } from '../auth/index.js';
import { SeverityBadge } from './incident-badges.js';
import { IncidentForm } from './incident-form.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.overview;
const f = incidentMessages.fields;
const label = { textTransform: 'none' as const };

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {name}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function Plain({ text, testId }: { text: string | null | undefined; testId?: string }) {
  return (
    <Text size="sm" c={text ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
      {text || incidentMessages.notSet}
    </Text>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="md" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Counts({ record }: { record: Record<string, number> }) {
  const entries = Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <Plain text="" />;
  return (
    <Group gap={4}>
      {entries.map(([code, count]) => (
        <Badge key={code} variant="default" styles={{ label }}>
          {code}: {count.toLocaleString('en-GB')}
        </Badge>
      ))}
    </Group>
  );
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '');

export interface IncidentOverviewTabProps {
  orgId: string;
  incident: TIncident;
  levels: readonly TSeverityLevel[];
  onChanged: () => void;
}

export function IncidentOverviewTab({ orgId, incident, levels, onChanged }: IncidentOverviewTabProps) {
  const { membership } = useCurrentOrg();
  const [isEditing, setEditing] = useState(false);
  const timeZone = membership.timeZone;
  const canEdit = hasPermission(membership, 'incident.handle') && incident.archivedAt === null;
  const canReadAssets = hasPermission(membership, 'asset.read');
  const at = (iso: string | null) => <Plain text={iso ? formatDateTime(iso, timeZone) : ''} />;

  if (isEditing && canEdit) {
    return (
      <IncidentForm
        orgId={orgId}
        incident={incident}
        levels={levels}
        onDone={(saved) => {
          setEditing(false);
          if (saved) onChanged();
        }}
      />
    );
  }

  return (
    <Stack gap="md" maw={1100} data-testid="incident-overview">
      {canEdit ? (
        <Group>
          <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="incident-edit">
            {m.edit}
          </Button>
        </Group>
      ) : null}
      <Section title={m.sections.summary}>
        <Stack gap="md">
          <Field name={f.description}>
            <Plain text={incident.description} testId="incident-description" />
          </Field>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="lg">
            <Field name={f.category}>
              <Plain text={incidentMessages.categories[incident.category]} />
            </Field>
            <Field name={f.severity}>
              <SeverityBadge severity={incident.severity} levels={levels} />
            </Field>
            <Field name={f.handlerUserId}>
              <Plain text={incident.handler?.name ?? incidentMessages.nobody} testId="incident-handler" />
            </Field>
            <Field name={incidentMessages.phiFlag}>
              <Plain text={incident.phiMayBeInvolved ? incidentMessages.yes : incidentMessages.no} />
            </Field>
          </SimpleGrid>
        </Stack>
      </Section>
      <Section title={m.sections.dates}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="lg">
          <Field name={f.occurredAt}>{at(incident.occurredAt)}</Field>
          <Field name={f.detectedAt}>{at(incident.detectedAt)}</Field>
          <Field name={f.discoveredAt}>{at(incident.discoveredAt)}</Field>
          <Field name={f.awareAt}>{at(incident.awareAt)}</Field>
          <Field name={m.closedAt}>{at(incident.closedAt)}</Field>
          <Field name={m.retainUntil}>
            <Plain text={incident.retainUntil ? formatDate(`${incident.retainUntil}T12:00:00Z`, 'UTC') : ''} />
          </Field>
        </SimpleGrid>
      </Section>
      <Section title={m.sections.scope}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Field name={f.assetIds}>
            {incident.assets.length === 0 ? (
              <Plain text={m.assetsEmpty} />
            ) : (
              <Stack gap={4} data-testid="incident-assets">
                {incident.assets.map((asset) => (
                  <Group key={asset.id} gap="xs">
                    {canReadAssets ? (
                      <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: asset.id }} size="sm">
                        {asset.name}
                      </RouterAnchor>
                    ) : (
                      <Text size="sm">{asset.name}</Text>
                    )}
                    {asset.handlesEphi ? (
                      <Badge size="xs" variant="light" color="grape" styles={{ label }}>
                        {m.ephi}
                      </Badge>
                    ) : null}
                  </Group>
                ))}
              </Stack>
            )}
          </Field>
          <Field name={f.dataCategories}>
            <Plain text={list(incident.dataCategories.map((c) => incidentMessages.dataCategories[c]))} />
          </Field>
        </SimpleGrid>
      </Section>
      <Section title={m.sections.individuals}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Field name={f.individualsTotal}>
            <Plain text={incident.individualsTotal.toLocaleString('en-GB')} testId="incident-individuals" />
          </Field>
          <Field name={f.individualsByState}>
            <Counts record={incident.individualsByState} />
          </Field>
          <Field name={f.individualsByCountry}>
            <Counts record={incident.individualsByCountry} />
          </Field>
        </SimpleGrid>
      </Section>
      <Section title={m.sections.phi}>
        <Stack gap="md">
          <Field name={f.phiDetails}>
            <Plain text={incident.phiDetails} />
          </Field>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
            <Field name={f.breachStartDate}>
              <Plain text={incident.breachStartDate} />
            </Field>
            <Field name={f.breachEndDate}>
              <Plain text={incident.breachEndDate} />
            </Field>
            <Field name={f.hhsBreachType}>
              <Plain text={incident.hhsBreachType ? incidentMessages.hhsBreachTypes[incident.hhsBreachType] : ''} />
            </Field>
            <Field name={f.hhsLocations}>
              <Plain text={list(incident.hhsLocations.map((l) => incidentMessages.hhsLocations[l]))} />
            </Field>
            <Field name={f.phiKinds}>
              <Plain text={list(incident.phiKinds.map((k) => incidentMessages.phiKinds[k]))} />
            </Field>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Field name={f.safeguardsInPlace}>
              <Plain text={incident.safeguardsInPlace} />
            </Field>
            <Field name={f.actionsTaken}>
              <Plain text={incident.actionsTaken} />
            </Field>
          </SimpleGrid>
        </Stack>
      </Section>
      <Section title={m.sections.lawEnforcement}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="lg">
          <Field name={f.lawEnforcementStatement}>
            <Plain text={m.lawEnforcementOptions[incident.lawEnforcementStatement]} />
          </Field>
          <Field name={f.lawEnforcementStatementAt}>{at(incident.lawEnforcementStatementAt)}</Field>
          <Field name={f.lawEnforcementWrittenUntil}>{at(incident.lawEnforcementWrittenUntil)}</Field>
          <Field name={f.lawEnforcementOfficial}>
            <Plain text={incident.lawEnforcementOfficial} />
          </Field>
        </SimpleGrid>
        {incident.lawEnforcementHoldUntil ? (
          <Text size="sm" fw={600} mt="sm" data-testid="incident-hold">
            {m.holdUntil(formatDateTime(incident.lawEnforcementHoldUntil, timeZone))}
          </Text>
        ) : null}
      </Section>
      <Section title={m.sections.rootCause}>
        <Stack gap="md">
          <Field name={f.rootCauseCategory}>
            <Plain text={incident.rootCauseCategory ? incidentMessages.rootCauses[incident.rootCauseCategory] : ''} />
          </Field>
          <Field name={f.rootCauseAnalysis}>
            <Plain text={incident.rootCauseAnalysis} />
          </Field>
        </Stack>
      </Section>
      <Section title={m.sections.lessons}>
        <Plain text={incident.lessonsLearned} testId="incident-lessons" />
      </Section>
      <Text size="xs" c="dimmed">
        {incidentMessages.dateInZone(zoneLabel(timeZone))}
      </Text>
    </Stack>
  );
}
