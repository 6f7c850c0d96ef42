/**
 * The 164.306(d)(3) decision of one addressable specification: the three outcomes explained in plain
 * words, the rationale, the risk-analysis reference, and for an alternative measure its description and
 * the controls that implement it. Below, the history of decisions read from the audit trail.
 */
import { Alert, Button, Divider, Drawer, Group, MultiSelect, Radio, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { HIPAA_DECISIONS, type HipaaDecision } from '../../../shared/compliance.js';
import { hipaaDecisionIssues, ZRecordHipaaDecisionRequest, type THipaaSpecification } from '../../../shared/contracts/compliance.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { controlsQuery } from '../controls/index.js';
import { ComplianceBadge, ObligationBadge } from './compliance-badges.js';
import { hipaaHistoryQuery, invalidateCompliance, recordDecision } from './compliance-api.js';
import { ControlLinks } from './control-links.js';
import { complianceMessages as m } from './messages.js';

/** The API contract plus the cross-field rules, so the form names the same fields with the same words. */
const ZDecisionForm = ZRecordHipaaDecisionRequest.superRefine((value, ctx) => {
  for (const issue of hipaaDecisionIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.path.replace(/^body\./, '')], message: issue.message });
});

interface FormValues extends Record<string, unknown> {
  decision: HipaaDecision | '';
  rationale: string;
  alternativeMeasure: string;
  riskAnalysisRef: string;
  controlIds: string[];
}

function DecisionForm({ orgId, spec, onDone }: { orgId: string; spec: THipaaSpecification; onDone: () => void }) {
  const queryClient = useQueryClient();
  const current = spec.decision;
  const form = useContractForm({
    initialValues: {
      decision: current?.decision ?? '',
      rationale: current?.rationale ?? '',
      alternativeMeasure: current?.alternativeMeasure ?? '',
      riskAnalysisRef: current?.riskAnalysisRef ?? '',
      controlIds: current?.controls.map((c) => c.id) ?? [],
    } as FormValues,
    schema: ZDecisionForm,
    labels: m.fields,
    toRequest: (values) => ({
      decision: values.decision || undefined,
      rationale: values.rationale,
      riskAnalysisRef: values.riskAnalysisRef,
      alternativeMeasure: values.decision === 'alternative' ? values.alternativeMeasure : null,
      controlIds: values.decision === 'alternative' ? values.controlIds : [],
    }),
  });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const isAlternative = form.values.decision === 'alternative';
  const controls = useQuery({ ...controlsQuery(orgId, { q: debounced || undefined, page: 1, pageSize: 50 }), enabled: isAlternative });
  const [known, setKnown] = useState(() => new Map((current?.controls ?? []).map((c) => [c.id, `${c.code} ${c.name}`])));
  const options = useMemo(() => {
    const map = new Map(known);
    for (const c of controls.data?.items ?? []) map.set(c.id, `${c.code} ${c.name}${c.inherited ? ` (${m.inherited})` : ''}`);
    return [...map.entries()].map(([value, label]) => ({ value, label }));
  }, [controls.data, known]);

  const submit = form.onSubmit(async (request) => {
    await recordDecision(orgId, spec.ref, request);
    await invalidateCompliance(queryClient, orgId);
    notifications.show({ color: 'green', message: m.saved });
    onDone();
  });
  const decision = form.values.decision;
  return (
    <form onSubmit={submit} noValidate data-testid="decision-form">
      <Stack gap="md">
        <Text size="sm">{m.drawerIntro}</Text>
        <Radio.Group value={decision} onChange={(value) => form.setValue('decision', value as HipaaDecision)} label={m.fields.decision} error={form.errors.decision} required name="decision">
          <Stack gap="sm" mt="xs">
            {HIPAA_DECISIONS.map((value) => (
              <Radio key={value} value={value} label={m.options[value].label} description={m.options[value].help} data-testid={`decision-${value}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea {...form.textProps('rationale')} required autosize minRows={3} description={decision ? m.rationaleHelp[decision] : undefined} data-testid="decision-rationale" />
        {isAlternative ? (
          <>
            <Textarea {...form.textProps('alternativeMeasure')} required autosize minRows={2} description={m.alternativeHelp} data-testid="decision-alternative" />
            <MultiSelect
              label={m.fields.controlIds}
              description={m.controlsHelp}
              placeholder={m.controlsPlaceholder}
              required
              searchable
              clearable
              data={options}
              value={form.values.controlIds}
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options: all }) => all}
              nothingFoundMessage={controls.isFetching ? '…' : m.noControls}
              error={form.errors.controlIds}
              onChange={(ids) => {
                setKnown((map) => new Map([...map, ...options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label] as const)]));
                form.setValue('controlIds', ids);
              }}
              data-testid="decision-controls"
            />
          </>
        ) : null}
        <TextInput {...form.textProps('riskAnalysisRef')} required description={m.riskAnalysisHelp} data-testid="decision-risk-ref" />
        {decision === 'not_implemented' ? (
          <Alert color="teal" variant="light" p="xs">
            {m.notImplementedNote}
          </Alert>
        ) : null}
        <Text size="xs" c="dimmed">
          {m.recorded}
        </Text>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(current) && !form.isDirty} data-testid="decision-save">
            {m.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CurrentDecision({ orgId, spec, timeZone }: { orgId: string; spec: THipaaSpecification; timeZone: string }) {
  const d = spec.decision;
  if (!d) return null;
  return (
    <Stack gap={4} data-testid="current-decision">
      <Text fw={600}>{m.decisions[d.decision]}</Text>
      <Text size="sm">
        <b>{m.fields.rationale}:</b> {d.rationale}
      </Text>
      {d.alternativeMeasure ? (
        <Text size="sm">
          <b>{m.fields.alternativeMeasure}:</b> {d.alternativeMeasure}
        </Text>
      ) : null}
      {d.decision === 'alternative' ? <ControlLinks orgId={orgId} controls={d.controls} /> : null}
      <Text size="sm">
        <b>{m.fields.riskAnalysisRef}:</b> {d.riskAnalysisRef}
      </Text>
      <Text size="xs" c="dimmed">
        {m.decidedBy(d.decidedBy.name, `${formatDateTime(d.decidedAt, timeZone)} (${timeZone})`)}
      </Text>
      {d.decision === 'not_implemented' ? (
        <Text size="xs" c="teal.9">
          {m.notImplementedNote}
        </Text>
      ) : null}
    </Stack>
  );
}

function DecisionHistory({ orgId, refId, timeZone }: { orgId: string; refId: string; timeZone: string }) {
  const query = useQuery(hipaaHistoryQuery(orgId, refId));
  if (query.isPending) return <LoadingState rows={2} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Text size="sm">{m.historyEmpty}</Text>;
  const label = (value: unknown) => (typeof value === 'string' && value in m.decisions ? m.decisions[value as HipaaDecision] : String(value ?? '—'));
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="decision-history">
      {query.data.items.map((item) => (
        <Timeline.Item key={item.id} title={label(item.after?.decision)}>
          <Text size="xs" c="dimmed">
            {`${formatDateTime(item.occurredAt, timeZone)} (${timeZone}) · ${item.actorLabel}`}
          </Text>
          {item.after?.rationale ? <Text size="sm">{String(item.after.rationale)}</Text> : null}
          {item.after?.riskAnalysisRef ? <Text size="xs">{`${m.fields.riskAnalysisRef}: ${String(item.after.riskAnalysisRef)}`}</Text> : null}
          <Text size="xs" c="dimmed">
            {item.before ? m.historyChanged(label(item.before.decision)) : m.historyFirst}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function DecisionDrawer({ orgId, spec, canDecide, onClose }: { orgId: string; spec: THipaaSpecification | null; canDecide: boolean; onClose: () => void }) {
  const { membership } = useCurrentOrg();
  const timeZone = membership.timeZone;
  return (
    <Drawer opened={spec !== null} onClose={onClose} position="right" size="lg" title={spec ? m.drawerTitle(spec.ref, spec.title) : ''} data-testid="decision-drawer">
      {spec ? (
        <Stack gap="md">
          <Group gap="xs">
            <ObligationBadge obligation={spec.obligation} />
            <ComplianceBadge status={spec.status} basis={spec.basis} />
          </Group>
          {spec.text ? (
            <Text size="sm" p="xs" bg="var(--mantine-color-gray-0)" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
              {spec.text}
            </Text>
          ) : null}
          <CurrentDecision orgId={orgId} spec={spec} timeZone={timeZone} />
          {canDecide ? (
            <>
              <Divider label={spec.decision ? m.changeDecision : m.recordDecision} labelPosition="left" />
              <DecisionForm key={`${spec.id}-${spec.decision?.decidedAt ?? 'none'}`} orgId={orgId} spec={spec} onDone={onClose} />
            </>
          ) : (
            <Alert variant="light" color="gray">
              {m.readOnly}
            </Alert>
          )}
          <Divider />
          <Title order={3} fz="sm">
            {m.historyTitle}
          </Title>
          <DecisionHistory orgId={orgId} refId={spec.ref} timeZone={timeZone} />
        </Stack>
      ) : null}
    </Drawer>
  );
}
