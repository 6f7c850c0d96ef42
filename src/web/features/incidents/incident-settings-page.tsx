/**
 * Admin → Incident settings: the severity levels (2–8, lowest first), the organization's usual HIPAA
 * and GDPR roles, and the retention period of closed incidents (45 CFR 164.530(j)(2): at least six years),
 * with the disposal log below. Everyone with incident.read may look; saving needs incident.configure.
 */
import { ActionIcon, Alert, Button, ColorInput, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GDPR_ROLES, HIPAA_ROLES } from '../../../shared/contracts/breach-clock.js';
import { ZIncidentSettings, ZSeverityLevel, type TIncidentSettings } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { hasPermission } from '../auth/index.js';
import { DisposalLog } from './incident-retention-log.js';
import { incidentKeys, incidentSettingsQuery, invalidateIncidents, saveIncidentSettings } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.settings;

interface LevelRow {
  row: number;
  key: string;
  label: string;
  colour: string;
  description: string;
}

interface SettingsValues extends Record<string, unknown> {
  severities: LevelRow[];
  hipaaRole: (typeof HIPAA_ROLES)[number];
  gdprRole: (typeof GDPR_ROLES)[number];
  retentionYears: string;
}

function valuesOf(settings: TIncidentSettings): SettingsValues {
  return {
    severities: settings.severities.map((level, index) => ({ row: index + 1, key: level.key, label: level.label, colour: level.colour, description: level.description })),
    hipaaRole: settings.hipaaRole,
    gdprRole: settings.gdprRole,
    retentionYears: String(settings.retentionYears),
  };
}

function toRequest(values: SettingsValues): unknown {
  const years = values.retentionYears.trim();
  return {
    severities: values.severities.map(({ key, label, colour, description }) => ({ key: key.trim(), label, colour: colour.trim(), description })),
    hipaaRole: values.hipaaRole,
    gdprRole: values.gdprRole,
    retentionYears: /^\d+$/.test(years) ? Number(years) : years,
  };
}

/** Per-level problems (`Key: must be …`), shown on that level's inputs once a save was tried. */
function levelProblems(row: LevelRow): Partial<Record<'key' | 'label' | 'colour' | 'description', string>> {
  const parsed = ZSeverityLevel.safeParse({ key: row.key.trim(), label: row.label, colour: row.colour.trim(), description: row.description });
  if (parsed.success) return {};
  const names = { key: m.key, label: m.label, colour: m.colour, description: m.levelDescription } as const;
  const problems: Partial<Record<keyof typeof names, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof typeof names | undefined;
    if (field && names[field] && !problems[field]) problems[field] = `${names[field]}: ${issue.message}`;
  }
  return problems;
}

function SettingsForm({ orgId, settings, canConfigure }: { orgId: string; settings: TIncidentSettings; canConfigure: boolean }) {
  const queryClient = useQueryClient();
  const [initialValues] = useState(() => valuesOf(settings));
  const [isTried, setTried] = useState(false);
  const form = useContractForm({ initialValues, schema: ZIncidentSettings, labels: m.fieldLabels, toRequest });
  const rows = form.values.severities;
  const setRows = (next: LevelRow[]) => form.setValue('severities', next);
  const update = (row: number, patch: Partial<LevelRow>) => setRows(rows.map((item) => (item.row === row ? { ...item, ...patch } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    setRows(next);
  };
  const submit = form.onSubmit(async (request) => {
    const saved = await saveIncidentSettings(orgId, request);
    queryClient.setQueryData(incidentKeys.settings(orgId), saved);
    form.reset(valuesOf(saved));
    setTried(false);
    notifications.show({ color: 'green', message: m.savedNotice });
    await invalidateIncidents(queryClient, orgId);
  });

  return (
    <form
      onSubmit={(event) => {
        setTried(true);
        submit(event);
      }}
      noValidate
      data-testid="incident-settings-form"
    >
      <UnsavedChangesGuard when={form.isDirty && !form.isSubmitting} />
      <Stack gap="md" maw={1000}>
        {!canConfigure ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} data-testid="incident-settings-read-only">
            {m.readOnly}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb={4}>
            {m.severitiesTitle}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {m.severitiesHint}
          </Text>
          <Stack gap="sm">
            {rows.map((row, index) => {
              const problems = isTried ? levelProblems(row) : {};
              return (
                <Fieldset key={row.row} legend={m.levelLegend(index + 1)} disabled={!canConfigure} data-testid="severity-level">
                  <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                    <TextInput label={m.key} required value={row.key} onChange={(event) => update(row.row, { key: event.currentTarget.value })} error={problems.key} maxLength={32} data-testid="severity-key" />
                    <TextInput label={m.label} required value={row.label} onChange={(event) => update(row.row, { label: event.currentTarget.value })} error={problems.label} maxLength={200} data-testid="severity-label" />
                    <ColorInput label={m.colour} required format="hex" withEyeDropper={false} value={row.colour} onChange={(colour) => update(row.row, { colour })} error={problems.colour} data-testid="severity-colour" />
                    <TextInput label={m.levelDescription} value={row.description} onChange={(event) => update(row.row, { description: event.currentTarget.value })} error={problems.description} maxLength={500} data-testid="severity-description" />
                  </SimpleGrid>
                  {canConfigure ? (
                    <Group gap={4} mt="xs">
                      <ActionIcon variant="subtle" aria-label={m.moveUp(row.label)} disabled={index === 0} onClick={() => move(index, -1)}>
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon variant="subtle" aria-label={m.moveDown(row.label)} disabled={index === rows.length - 1} onClick={() => move(index, 1)}>
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={m.removeLevel(row.label)} disabled={rows.length <= 2} onClick={() => setRows(rows.filter((item) => item.row !== row.row))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  ) : null}
                </Fieldset>
              );
            })}
            {form.errors.severities ? (
              <Text size="sm" c="red.9" role="alert" data-testid="severity-error">
                {form.errors.severities}
              </Text>
            ) : null}
            {canConfigure ? (
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  disabled={rows.length >= 8}
                  onClick={() => setRows([...rows, { row: Math.max(0, ...rows.map((item) => item.row)) + 1, key: '', label: '', colour: '#868e96', description: '' }])}
                  data-testid="severity-add"
                >
                  {m.addLevel}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb={4}>
            {m.rolesTitle}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {m.rolesHint}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
            <NativeSelect label={m.hipaaRole} disabled={!canConfigure} value={form.values.hipaaRole} data={HIPAA_ROLES.map((value) => ({ value, label: m.hipaaRoles[value] }))} error={form.errors.hipaaRole} onChange={(event) => form.setValue('hipaaRole', event.currentTarget.value as SettingsValues['hipaaRole'])} data-testid="settings-hipaa-role" />
            <NativeSelect label={m.gdprRole} disabled={!canConfigure} value={form.values.gdprRole} data={GDPR_ROLES.map((value) => ({ value, label: m.gdprRoles[value] }))} error={form.errors.gdprRole} onChange={(event) => form.setValue('gdprRole', event.currentTarget.value as SettingsValues['gdprRole'])} data-testid="settings-gdpr-role" />
          </SimpleGrid>
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            {m.retentionTitle}
          </Title>
          <TextInput {...form.textProps('retentionYears')} label={m.retentionYears} description={m.retentionHint} type="number" min={6} max={50} disabled={!canConfigure} maw={520} data-testid="settings-retention-years" />
        </Paper>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        {canConfigure ? (
          <Group>
            <Button type="submit" loading={form.isSubmitting} data-testid="settings-save">
              {m.save}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

export function IncidentSettingsPage() {
  const { orgId, membership } = useCurrentOrg();
  const query = useQuery(incidentSettingsQuery(orgId));
  const canConfigure = hasPermission(membership, 'incident.configure');
  return (
    <>
      <PageHeader eyebrow={incidentMessages.admin} title={m.title} description={m.description} />
      <Stack gap="xl">
        {query.isPending ? <LoadingState rows={6} /> : null}
        {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
        {query.data ? <SettingsForm key={JSON.stringify(query.data)} orgId={orgId} settings={query.data} canConfigure={canConfigure} /> : null}
        {canConfigure ? <DisposalLog orgId={orgId} timeZone={membership.timeZone} /> : null}
      </Stack>
    </>
  );
}
