/**
 * The incident edit form (handlers, incident.handle): every field of ZUpdateIncidentRequest. Only the
 * fields changed are sent; the server checks the merged record (cross-field rules of
 * `incidentFieldIssues`) and answers `field: problem`, shown next to the field. Values survive a failed
 * save; leaving with unsaved changes asks first.
 */
import { Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { DATA_CATEGORIES } from '../../../shared/contracts/assets.js';
import { US_JURISDICTIONS } from '../../../shared/contracts/breach-clock.js';
import {
  EEA_COUNTRIES,
  HHS_BREACH_TYPES,
  HHS_LOCATIONS,
  INCIDENT_CATEGORIES,
  LAW_ENFORCEMENT_STATEMENTS,
  PHI_KINDS,
  ROOT_CAUSE_CATEGORIES,
  ZUpdateIncidentRequest,
  type TIncident,
  type TSeverityLevel,
} from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { zoneLabel } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { hasPermission } from '../auth/index.js';
import { CountRowsEditor } from './incident-form-counts.js';
import { AssetPicker, MemberPicker } from './incident-form-pickers.js';
import { updateRequestOf, valuesOfIncident, type IncidentFormValues } from './incident-form-values.js';
import { incidentKeys, updateIncident } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.overview;
const f = incidentMessages.fields;

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="md" mb={description ? 4 : 'sm'}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

export interface IncidentFormProps {
  orgId: string;
  incident: TIncident;
  levels: readonly TSeverityLevel[];
  /** Called after a save (true) or on cancel (false). */
  onDone: (saved: boolean) => void;
}

export function IncidentForm({ orgId, incident, levels, onDone }: IncidentFormProps) {
  const { membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const timeZone = membership.timeZone;
  const [initialValues] = useState(() => valuesOfIncident(incident, timeZone));
  const form = useContractForm({
    initialValues,
    schema: ZUpdateIncidentRequest,
    labels: f,
    toRequest: (values) => updateRequestOf(values, initialValues, timeZone),
  });
  const { values, errors } = form;
  const text = (name: keyof IncidentFormValues & string) => form.textProps(name);
  const select = <K extends keyof IncidentFormValues & string>(name: K) => ({
    label: f[name as keyof typeof f],
    value: String(values[name] ?? ''),
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => form.setValue(name, event.currentTarget.value as IncidentFormValues[K]),
  });
  const datetime = (name: keyof IncidentFormValues & string) => ({ ...text(name), type: 'datetime-local', step: 60 });
  const submit = form.onSubmit(async (request) => {
    const saved = await updateIncident(orgId, incident.id, request);
    queryClient.setQueryData(incidentKeys.detail(orgId, incident.id), saved);
    notifications.show({ color: 'green', message: m.savedNotice(saved.ref) });
    form.reset(valuesOfIncident(saved, timeZone));
    onDone(true);
  });
  const severityOptions = [{ value: '', label: incidentMessages.badges.severityNotRated }, ...levels.map((level) => ({ value: level.key, label: level.label })), ...(values.severity && !levels.some((level) => level.key === values.severity) ? [{ value: values.severity, label: values.severity }] : [])];

  return (
    <form onSubmit={submit} noValidate data-testid="incident-form">
      <UnsavedChangesGuard when={form.isDirty && !form.isSubmitting} />
      <Stack gap="md" maw={1100}>
        <Section title={m.sections.summary}>
          <Stack gap="md">
            <TextInput {...text('title')} required description={incidentMessages.report.titleHint} data-testid="incident-form-title" />
            <Textarea {...text('description')} autosize minRows={4} maxRows={16} data-testid="incident-form-description" />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect {...select('category')} data={options(INCIDENT_CATEGORIES, incidentMessages.categories)} data-testid="incident-form-category" />
              <NativeSelect {...select('severity')} data={severityOptions} data-testid="incident-form-severity" />
              <MemberPicker label={f.handlerUserId} value={values.handlerUserId || null} onChange={(id) => form.setValue('handlerUserId', id ?? '')} current={incident.handler} error={errors.handlerUserId} testId="incident-form-handler" />
            </SimpleGrid>
          </Stack>
        </Section>
        <Section title={m.sections.dates} description={m.datesHint(zoneLabel(timeZone))}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput {...datetime('occurredAt')} data-testid="incident-form-occurred-at" />
            <TextInput {...datetime('detectedAt')} data-testid="incident-form-detected-at" />
            <TextInput {...datetime('discoveredAt')} description={m.discoveredHint} data-testid="incident-form-discovered-at" />
            <TextInput {...datetime('awareAt')} description={m.awareHint} data-testid="incident-form-aware-at" />
          </SimpleGrid>
        </Section>
        <Section title={m.sections.scope}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {hasPermission(membership, 'asset.read') ? (
              <AssetPicker orgId={orgId} label={f.assetIds} value={values.assetIds} onChange={(ids) => form.setValue('assetIds', ids)} known={incident.assets} error={errors.assetIds} maxValues={200} testId="incident-form-assets" />
            ) : (
              <Text size="sm" c="dimmed">
                {m.assetsHidden}
              </Text>
            )}
            <MultiSelect label={f.dataCategories} data={options(DATA_CATEGORIES, incidentMessages.dataCategories)} value={values.dataCategories} onChange={(next) => form.setValue('dataCategories', next as IncidentFormValues['dataCategories'])} error={errors.dataCategories} comboboxProps={{ withinPortal: true }} data-testid="incident-form-data-categories" />
          </SimpleGrid>
        </Section>
        <Section title={m.sections.individuals} description={m.individualsHint}>
          <Stack gap="md">
            <TextInput {...text('individualsTotal')} type="number" min={0} maw={240} data-testid="incident-form-individuals" />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CountRowsEditor label={f.individualsByState} codeLabel={m.state} codes={US_JURISDICTIONS} rows={values.individualsByState} onChange={(rows) => form.setValue('individualsByState', rows)} addLabel={m.addState} error={errors.individualsByState} testId="incident-form-states" />
              <CountRowsEditor label={f.individualsByCountry} codeLabel={m.country} codes={EEA_COUNTRIES} rows={values.individualsByCountry} onChange={(rows) => form.setValue('individualsByCountry', rows)} addLabel={m.addCountry} error={errors.individualsByCountry} testId="incident-form-countries" />
            </SimpleGrid>
          </Stack>
        </Section>
        <Section title={m.sections.phi}>
          <Stack gap="md">
            <Textarea {...text('phiDetails')} description={m.phiDetailsHint} autosize minRows={3} maxRows={12} data-testid="incident-form-phi-details" />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput {...text('breachStartDate')} type="date" data-testid="incident-form-breach-start" />
              <TextInput {...text('breachEndDate')} type="date" data-testid="incident-form-breach-end" />
              <NativeSelect {...select('hhsBreachType')} data={[{ value: '', label: incidentMessages.notSet }, ...options(HHS_BREACH_TYPES, incidentMessages.hhsBreachTypes)]} data-testid="incident-form-hhs-type" />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label={f.hhsLocations} data={options(HHS_LOCATIONS, incidentMessages.hhsLocations)} value={values.hhsLocations} onChange={(next) => form.setValue('hhsLocations', next as IncidentFormValues['hhsLocations'])} error={errors.hhsLocations} comboboxProps={{ withinPortal: true }} data-testid="incident-form-hhs-locations" />
              <MultiSelect label={f.phiKinds} data={options(PHI_KINDS, incidentMessages.phiKinds)} value={values.phiKinds} onChange={(next) => form.setValue('phiKinds', next as IncidentFormValues['phiKinds'])} error={errors.phiKinds} comboboxProps={{ withinPortal: true }} data-testid="incident-form-phi-kinds" />
              <Textarea {...text('safeguardsInPlace')} autosize minRows={2} maxRows={8} data-testid="incident-form-safeguards" />
              <Textarea {...text('actionsTaken')} autosize minRows={2} maxRows={8} data-testid="incident-form-actions-taken" />
            </SimpleGrid>
          </Stack>
        </Section>
        <Section title={m.sections.lawEnforcement}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NativeSelect {...select('lawEnforcementStatement')} data={options(LAW_ENFORCEMENT_STATEMENTS, m.lawEnforcementOptions)} data-testid="incident-form-le-statement" />
            <TextInput {...datetime('lawEnforcementStatementAt')} data-testid="incident-form-le-at" />
            <TextInput {...datetime('lawEnforcementWrittenUntil')} data-testid="incident-form-le-until" />
            <TextInput {...text('lawEnforcementOfficial')} data-testid="incident-form-le-official" />
          </SimpleGrid>
        </Section>
        <Section title={m.sections.rootCause}>
          <Stack gap="md">
            <NativeSelect {...select('rootCauseCategory')} data={[{ value: '', label: incidentMessages.notSet }, ...options(ROOT_CAUSE_CATEGORIES, incidentMessages.rootCauses)]} maw={360} data-testid="incident-form-root-cause-category" />
            <Textarea {...text('rootCauseAnalysis')} autosize minRows={3} maxRows={12} data-testid="incident-form-root-cause" />
            <Textarea {...text('lessonsLearned')} autosize minRows={3} maxRows={12} data-testid="incident-form-lessons" />
          </Stack>
        </Section>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group gap="sm">
          <Button type="submit" loading={form.isSubmitting} data-testid="incident-form-save">
            {m.save}
          </Button>
          <Button variant="default" onClick={() => onDone(false)} disabled={form.isSubmitting} data-testid="incident-form-cancel">
            {incidentMessages.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
