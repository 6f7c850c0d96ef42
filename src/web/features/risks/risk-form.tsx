/**
 * The risk form (create and edit): the scenario (ISO/IEC 27001:2022 6.1.2 c: identify risks to the
 * confidentiality, integrity and availability of information), its threat, sources and vulnerabilities
 * from the catalogue, the affected assets, the owner (6.1.2 c 2) and the treatment decision (6.1.3 a).
 * On create, the three assessments may be given at once; afterwards they are edited on the Assessment
 * tab. Validation comes from the shared contract through useContractForm (same `field: problem` words
 * as the API); values survive a failed save; leaving with unsaved changes asks first.
 */
import { Alert, Button, Group, MultiSelect, NativeSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { RISK_CATEGORIES, RISK_STATUSES, TREATMENT_OPTIONS, ZCreateRiskRequest, ZUpdateRiskRequest, type RiskStage, type TCatalogueEntry, type TRiskCatalogue, type TRiskDetail, type TRiskMethodVersion } from '../../../shared/contracts/risks.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { AssessmentFields } from './assessment-form.js';
import { assessmentProblems, ratesPatientSafety, type StageValues } from './assessment-values.js';
import { AssetMultiSelect } from './asset-multi-select.js';
import { MemberSelect } from './member-select.js';
import { riskMessages as m } from './messages.js';
import { createRequestOf, updateRequestOf, type RiskFormValues } from './risk-form-values.js';
import { createRisk, invalidateRisks, riskKeys, updateRisk } from './risks-api.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Title order={2} fz="lg" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

type Option = { value: string; label: string };
type OptionGroup = { group: string; items: Option[] };

/** Threats grouped under their HICP threat (the threat itself first, then its sub-threats); the organization's own last. */
export function threatGroups(catalogue: TRiskCatalogue): OptionGroup[] {
  const parents = catalogue.threats.filter((threat) => threat.origin === 'builtin' && threat.parentId === null);
  const groups: OptionGroup[] = parents.map((parent) => ({
    group: parent.title,
    items: [parent, ...catalogue.threats.filter((threat) => threat.parentId === parent.id)].map((threat) => ({ value: threat.id, label: threat.title })),
  }));
  const grouped = new Set(groups.flatMap((group) => group.items.map((item) => item.value)));
  const own = catalogue.threats.filter((threat) => !grouped.has(threat.id));
  if (own.length) groups.push({ group: 'Your organization', items: own.map((threat) => ({ value: threat.id, label: threat.title })) });
  return groups;
}

/** Entries grouped by their category (threat-source type, vulnerability category), in first-seen order. */
function byCategory(entries: readonly TCatalogueEntry[]): OptionGroup[] {
  const groups = new Map<string, Option[]>();
  for (const entry of entries) {
    const name = entry.origin === 'custom' ? `${capitalise(entry.category ?? 'other')} (your organization)` : capitalise(entry.category ?? 'other');
    groups.set(name, [...(groups.get(name) ?? []), { value: entry.id, label: entry.title }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Keeps an id the catalogue no longer lists visible (it would otherwise vanish from the field silently). */
function withUnknown(groups: OptionGroup[], ids: readonly string[], known: readonly { id: string; title: string }[] = []): OptionGroup[] {
  const listed = new Set(groups.flatMap((group) => group.items.map((item) => item.value)));
  const missing = ids.filter((id) => !listed.has(id));
  if (missing.length === 0) return groups;
  return [...groups, { group: 'Other', items: missing.map((id) => ({ value: id, label: known.find((entry) => entry.id === id)?.title ?? id })) }];
}

export interface RiskFormProps {
  orgId: string;
  catalogue: TRiskCatalogue;
  /** The method in force: needed to assess on create. */
  method: TRiskMethodVersion;
  initialValues: RiskFormValues;
  /** Editing this risk; absent when creating one. */
  risk?: TRiskDetail;
  /** "Create risk from gap": the asset and rule the scenario was raised from. */
  fromGap?: { assetId: string; rule: string } | null;
  /** Asset names known in advance (the risk's own). */
  knownAssets?: readonly { id: string; name: string }[];
}

export function RiskForm({ orgId, catalogue, method, risk, fromGap = null, knownAssets = [], ...props }: RiskFormProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [initialValues] = useState(props.initialValues);
  const [saved, setSaved] = useState<TRiskDetail | null>(null);
  const [assessmentErrors, setAssessmentErrors] = useState<Record<string, string>>({});
  const form = useContractForm({
    initialValues,
    schema: risk ? ZUpdateRiskRequest : ZCreateRiskRequest,
    labels: m.fields,
    toRequest: (values) => (risk ? updateRequestOf(values, initialValues, risk.version) : createRequestOf(values, { method: method.method, fromGap })),
  });

  useEffect(() => {
    if (saved) void navigate({ to: '/o/$orgId/risks/$riskId', params: { orgId, riskId: saved.id }, search: risk ? {} : { tab: 'assessment' } });
  }, [navigate, orgId, risk, saved]);

  const submit = form.onSubmit(async (request) => {
    const result = risk ? await updateRisk(orgId, risk.id, request as Parameters<typeof updateRisk>[2]) : await createRisk(orgId, request as Parameters<typeof createRisk>[1]);
    queryClient.setQueryData(riskKeys.detail(orgId, result.id), result);
    await invalidateRisks(queryClient, orgId);
    notifications.show({ color: 'green', message: risk ? m.savedNotice : m.createdNotice(result.ref) });
    setSaved(result);
  });

  const isFocusPending = useRef(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An incomplete stage (an impact without a likelihood …) is refused here, next to its select.
    const problems = risk ? {} : assessmentProblems(method.method, { inherent: form.values.inherent, current: form.values.current, residual: form.values.residual });
    setAssessmentErrors(problems);
    if (Object.keys(problems).length > 0) {
      const first = Object.keys(problems)[0]!.replace(/\.impacts\./, '-impact-').replace(/\./, '-');
      document.querySelector<HTMLElement>(`[data-testid="assessment-${first}"]`)?.focus();
      return;
    }
    isFocusPending.current = true;
    submit(event);
  };

  const firstError = Object.keys(m.fields).find((key) => form.errors[key as keyof RiskFormValues]);
  useEffect(() => {
    if (!firstError || !isFocusPending.current) return;
    isFocusPending.current = false;
    const field = document.querySelector<HTMLElement>(`[data-testid="risk-${firstError}"]`);
    const target = field?.matches('input, select, textarea') ? field : (field?.querySelector<HTMLElement>('input, select, textarea') ?? field);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [firstError]);

  const setStage = (stage: RiskStage, values: StageValues) => {
    form.setValue(stage, values);
    setAssessmentErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(`${stage}`))));
  };

  // The API names an assessment's stage (`body.current.impacts.…`): its refusal is shown on that stage.
  const stageErrors = Object.fromEntries((['inherent', 'current', 'residual'] as const).flatMap((stage) => (form.errors[stage] ? [[stage, form.errors[stage]]] : [])));
  const cancel = () => void navigate(risk ? { to: '/o/$orgId/risks/$riskId', params: { orgId, riskId: risk.id } } : { to: '/o/$orgId/risks', params: { orgId } });
  const isConflict = form.formError?.code === 'conflict';
  const vulnerabilityKnown = risk?.vulnerabilities ?? [];

  return (
    <form onSubmit={onSubmit} noValidate data-testid="risk-form">
      <UnsavedChangesGuard when={form.isDirty && !saved} />
      <Stack gap="lg" maw={1100}>
        <Text size="sm" c="dimmed">
          {m.formIntro}
        </Text>
        <Section title={m.sections.scenario}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput {...form.textProps('title')} required data-autofocus data-testid="risk-title" />
            <NativeSelect
              label={m.fields.category}
              required
              value={form.values.category}
              error={form.errors.category}
              data={RISK_CATEGORIES.map((value) => ({ value, label: m.categories[value] }))}
              onChange={(event) => form.setValue('category', event.currentTarget.value as RiskFormValues['category'])}
              data-testid="risk-category"
            />
          </SimpleGrid>
          <Textarea {...form.textProps('description')} description={m.descriptionHint} autosize minRows={3} maxRows={10} mt="md" data-testid="risk-description" />
          {risk ? (
            <NativeSelect
              label={m.fields.status}
              value={form.values.status}
              error={form.errors.status}
              data={RISK_STATUSES.map((value) => ({ value, label: m.statuses[value] ?? value }))}
              onChange={(event) => form.setValue('status', event.currentTarget.value as RiskFormValues['status'])}
              mt="md"
              maw={260}
              data-testid="risk-status"
            />
          ) : null}
        </Section>
        <Section title={m.sections.context}>
          <Stack gap="md">
            <Text size="xs" c="dimmed">
              {m.catalogueHint}{' '}
              <RouterAnchor to="/o/$orgId/risk-catalogue" params={{ orgId }} size="xs">
                {m.catalogueLink}
              </RouterAnchor>
            </Text>
            <Select
              label={m.fields.threatId}
              placeholder={m.threatPlaceholder}
              data={withUnknown(threatGroups(catalogue), form.values.threatId ? [form.values.threatId] : [], risk?.threatId ? [{ id: risk.threatId, title: risk.threatTitle ?? risk.threatId }] : [])}
              value={form.values.threatId || null}
              onChange={(value) => form.setValue('threatId', value ?? '')}
              error={form.errors.threatId}
              searchable
              clearable
              maxDropdownHeight={320}
              comboboxProps={{ withinPortal: true }}
              data-testid="risk-threatId"
            />
            <MultiSelect
              label={m.fields.threatSourceIds}
              data={withUnknown(byCategory(catalogue.threatSources), form.values.threatSourceIds)}
              value={form.values.threatSourceIds}
              onChange={(value) => form.setValue('threatSourceIds', value)}
              error={form.errors.threatSourceIds}
              searchable
              clearable
              hidePickedOptions
              comboboxProps={{ withinPortal: true }}
              data-testid="risk-threatSourceIds"
            />
            <MultiSelect
              label={m.fields.vulnerabilityIds}
              data={withUnknown(byCategory(catalogue.vulnerabilities), form.values.vulnerabilityIds, vulnerabilityKnown)}
              value={form.values.vulnerabilityIds}
              onChange={(value) => form.setValue('vulnerabilityIds', value)}
              error={form.errors.vulnerabilityIds}
              searchable
              clearable
              hidePickedOptions
              comboboxProps={{ withinPortal: true }}
              data-testid="risk-vulnerabilityIds"
            />
            <AssetMultiSelect orgId={orgId} value={form.values.assetIds} onChange={(ids) => form.setValue('assetIds', ids)} known={knownAssets} error={form.errors.assetIds} testId="risk-assetIds" />
          </Stack>
        </Section>
        <Section title={m.sections.ownership}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <MemberSelect label={m.fields.ownerUserId} value={form.values.ownerUserId || null} onChange={(value) => form.setValue('ownerUserId', value ?? '')} current={risk?.owner ?? null} error={form.errors.ownerUserId} testId="risk-ownerUserId" />
          </SimpleGrid>
        </Section>
        <Section title={m.sections.treatment}>
          <Stack gap="md">
            <NativeSelect
              label={m.fields.treatmentOption}
              value={form.values.treatmentOption}
              error={form.errors.treatmentOption}
              data={[{ value: '', label: m.treatmentPlaceholder }, ...TREATMENT_OPTIONS.map((value) => ({ value, label: m.treatmentOptions[value] }))]}
              onChange={(event) => form.setValue('treatmentOption', event.currentTarget.value as RiskFormValues['treatmentOption'])}
              maw={320}
              data-testid="risk-treatmentOption"
            />
            <Textarea {...form.textProps('treatmentRationale')} description={m.rationaleHint} autosize minRows={2} maxRows={8} data-testid="risk-treatmentRationale" />
          </Stack>
        </Section>
        {risk ? null : (
          <Section title={m.sections.assessment} testId="risk-assessment-section">
            <Text size="sm" c="dimmed" mb="md">
              {m.assessmentInCreate}
            </Text>
            <AssessmentFields method={method.method} methodVersion={method.version} values={{ inherent: form.values.inherent, current: form.values.current, residual: form.values.residual }} onChange={setStage} errors={{ ...stageErrors, ...assessmentErrors }} />
            {ratesPatientSafety(method.method, { inherent: form.values.inherent, current: form.values.current, residual: form.values.residual }) ? (
              <Alert variant="light" color="grape" icon={<IconInfoCircle aria-hidden />} mt="md" data-testid="risk-patient-safety-note">
                {m.patientSafetyNote}
              </Alert>
            ) : null}
          </Section>
        )}
        {form.formError ? <ErrorState error={form.formError} title={isConflict ? m.conflict : undefined} /> : null}
        <Text size="xs" c="dimmed">
          {m.savedRecorded}
        </Text>
        <Group gap="sm">
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(risk) && !form.isDirty} data-testid="risk-save">
            {risk ? m.save : m.create}
          </Button>
          <Button variant="default" onClick={cancel} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
