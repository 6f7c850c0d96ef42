/**
 * The calculator's scenario form: the `ZBreachClockInput` fields, with the same `field: problem` checks
 * as the API. Instants are typed as local date-times in the chosen zone; fields that the chosen roles
 * make irrelevant are hidden (and not sent).
 */
import { ActionIcon, Autocomplete, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { GDPR_RISKS, GDPR_ROLES, HIPAA_ROLES, US_JURISDICTIONS, ZBreachClockInput, type TBreachClockInput } from '../../../shared/contracts/breach-clock.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import type { BreachClockFormValues, StateRow } from './breach-clock-form-values.js';
import { toRequest } from './breach-clock-form-values.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.clock;

function timeZoneNames(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function BreachClockForm({ initialValues, onCalculate }: { initialValues: BreachClockFormValues; onCalculate: (input: TBreachClockInput) => Promise<unknown> }) {
  const form = useContractForm({ initialValues, schema: ZBreachClockInput, labels: incidentMessages.labels, toRequest });
  const zones = useMemo(timeZoneNames, []);
  const nextKey = useRef(1);
  const { values } = form;
  const isHipaa = values.hipaaRole !== 'none';
  const isGdpr = values.gdprRole !== 'none';

  const setRows = (rows: StateRow[]) => form.setValue('residentsByState', rows);
  const updateRow = (key: number, patch: Partial<StateRow>) => setRows(values.residentsByState.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const addRow = () => setRows([...values.residentsByState, { key: nextKey.current++, state: '', residents: '' }]);

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={form.onSubmit(onCalculate)} noValidate data-testid="breach-clock-form">
        <Stack gap="md">
          <Title order={2} fz="lg">
            {m.formTitle}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Autocomplete label={m.timezone} description={m.timezoneHint} required data={zones} limit={20} value={values.timezone} error={form.errors.timezone} onChange={(value) => form.setValue('timezone', value)} data-testid="breach-timezone" />
            <NativeSelect label={m.hipaaRole} value={values.hipaaRole} data={HIPAA_ROLES.map((value) => ({ value, label: m.hipaaRoles[value] }))} error={form.errors.hipaaRole} onChange={(event) => form.setValue('hipaaRole', event.currentTarget.value as BreachClockFormValues['hipaaRole'])} data-testid="breach-hipaa-role" />
            <NativeSelect label={m.gdprRole} value={values.gdprRole} data={GDPR_ROLES.map((value) => ({ value, label: m.gdprRoles[value] }))} error={form.errors.gdprRole} onChange={(event) => form.setValue('gdprRole', event.currentTarget.value as BreachClockFormValues['gdprRole'])} data-testid="breach-gdpr-role" />
          </SimpleGrid>

          {isHipaa ? (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput type="datetime-local" step={60} required {...form.textProps('discoveredAt')} label={m.discoveredAt} description={m.discoveredAtHint} data-testid="breach-discovered-at" />
                <TextInput type="number" min={0} required {...form.textProps('individuals')} label={m.individuals} data-testid="breach-individuals" />
                <Switch mt="xl" label={m.hipaaBreach} description={m.hipaaBreachHint} checked={values.hipaaBreach} onChange={(event) => form.setValue('hipaaBreach', event.currentTarget.checked)} data-testid="breach-hipaa-breach" />
              </SimpleGrid>
              <Stack gap={4}>
                <Text fw={600} size="sm" id="breach-residents-title">
                  {m.residentsTitle}
                </Text>
                <Text size="xs" c="dimmed">
                  {m.residentsHint}
                </Text>
                {values.residentsByState.length > 0 ? (
                  <Table aria-labelledby="breach-residents-title" maw={420} withRowBorders={false} data-testid="breach-residents">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{m.state}</Table.Th>
                        <Table.Th>{m.residents}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {values.residentsByState.map((row) => (
                        <Table.Tr key={row.key}>
                          <Table.Td>
                            <NativeSelect aria-label={m.state} value={row.state} data={[{ value: '', label: '—' }, ...US_JURISDICTIONS.map((code) => ({ value: code, label: code }))]} onChange={(event) => updateRow(row.key, { state: event.currentTarget.value })} />
                          </Table.Td>
                          <Table.Td>
                            <TextInput aria-label={m.residents} type="number" min={0} value={row.residents} onChange={(event) => updateRow(row.key, { residents: event.currentTarget.value })} />
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon variant="subtle" color="gray" aria-label={m.removeState(row.state)} onClick={() => setRows(values.residentsByState.filter((other) => other.key !== row.key))}>
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
                {form.errors.residentsByState ? (
                  <Text size="sm" c="red" role="alert">
                    {form.errors.residentsByState}
                  </Text>
                ) : null}
                <Group>
                  <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={addRow} data-testid="breach-add-state">
                    {m.addState}
                  </Button>
                </Group>
              </Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {values.hipaaRole === 'business_associate' ? <TextInput type="number" min={1} max={60} {...form.textProps('baNoticeDays')} label={m.baNoticeDays} description={m.baNoticeDaysHint} data-testid="breach-ba-days" /> : null}
                <TextInput type="datetime-local" step={60} {...form.textProps('lawEnforcementHoldUntil')} label={m.hold} description={m.holdHint} data-testid="breach-hold" />
              </SimpleGrid>
            </Stack>
          ) : null}

          {isGdpr ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput type="datetime-local" step={60} required {...form.textProps('awareAt')} label={m.awareAt} description={m.awareAtHint} data-testid="breach-aware-at" />
              <NativeSelect label={m.gdprRisk} value={values.gdprRisk} data={GDPR_RISKS.map((value) => ({ value, label: m.gdprRisks[value] }))} error={form.errors.gdprRisk} onChange={(event) => form.setValue('gdprRisk', event.currentTarget.value as BreachClockFormValues['gdprRisk'])} data-testid="breach-gdpr-risk" />
              {!isHipaa ? <TextInput type="number" min={0} {...form.textProps('individuals')} label={m.individuals} /> : null}
            </SimpleGrid>
          ) : null}

          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting} data-testid="breach-calculate">
              {m.calculate}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
