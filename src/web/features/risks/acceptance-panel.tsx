/**
 * The acceptance flow (ISO/IEC 27001:2022 6.1.2 a 1 risk acceptance criteria, 6.1.3 f the risk owners'
 * approval of the residual risk): the computed state (none, accepted, stale with its reasons, awaiting
 * the clinical safety officer's sign-off), the append-only record of acceptances and sign-offs, and the
 * actions the API's abilities allow. Who may accept is decided by the server (`abilities.accept`); when
 * not, its reason is shown as text. A refusal at save time (403) shows the server's own message.
 */
import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle, IconLock, IconStethoscope, IconUserCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZCreateAcceptanceRequest, type AcceptanceKind, type TRiskAcceptance, type TRiskDetail } from '../../../shared/contracts/risks.js';
import { addCalendarMonths } from '../../../shared/risk-method.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { dateInZone, formatDate, formatDateTime } from '../../kernel/format.js';
import { useContractForm } from '../../kernel/form.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { useSession } from '../auth/index.js';
import { riskMessages as m } from './messages.js';
import { AcceptanceBadge, LevelBadge, TEXT_OK, TEXT_WARNING } from './risk-badges.js';
import { createAcceptance, invalidateRisks, riskTreatmentQuery } from './risks-api.js';

interface AcceptanceFormValues extends Record<string, unknown> {
  rationale: string;
  expiresOn: string;
}

/** The day after a `YYYY-MM-DD` date (an acceptance must hold beyond today). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Names the reasons an acceptance is stale: "the acceptance expired and the risk level rose …". */
export function staleText(reasons: readonly string[]): string {
  return reasons.map((reason) => m.staleReasons[reason] ?? reason).join(' and ');
}

function AcceptanceForm({ orgId, risk, kind, onDone }: { orgId: string; risk: TRiskDetail; kind: AcceptanceKind; onDone: () => void }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const { membership } = useCurrentOrg();
  const today = dateInZone(new Date().toISOString(), membership.timeZone);
  const stage = risk.acceptanceStage;
  const level = stage ? risk.assessments[stage]?.level : null;
  // A sensible default that the reviewer can change: the level's review cadence, within the three-year limit.
  const cadence = stage ? (risk.assessments[stage]?.reviewCadenceMonths ?? 12) : 12;
  const [initialValues] = useState<AcceptanceFormValues>(() => ({ rationale: '', expiresOn: kind === 'acceptance' ? addCalendarMonths(today, Math.min(cadence, 36)) : '' }));
  const form = useContractForm({
    initialValues,
    schema: ZCreateAcceptanceRequest,
    labels: { rationale: m.rationale, expiresOn: m.expiresOn },
    toRequest: (values) => ({ kind, rationale: values.rationale, expiresOn: values.expiresOn || null, riskVersion: risk.version }),
  });
  const submit = form.onSubmit(async (request) => {
    await createAcceptance(orgId, risk.id, request);
    await invalidateRisks(queryClient, orgId);
    notifications.show({ color: 'green', message: kind === 'acceptance' ? m.accepted : m.signedOff });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate data-testid="acceptance-form" data-kind={kind}>
      <Stack gap="md">
        <Text size="sm">{kind === 'acceptance' ? m.acceptBody(level?.label ?? '', stage ? m.stages[stage] : '') : m.signOffBody}</Text>
        {level ? (
          <Group gap="xs">
            <LevelBadge level={level} stage={stage ?? undefined} />
          </Group>
        ) : null}
        <Textarea {...form.textProps('rationale')} description={m.acceptRationaleHint} required autosize minRows={3} maxRows={8} data-autofocus data-testid="acceptance-rationale" />
        <TextInput
          type="date"
          {...form.textProps('expiresOn')}
          description={kind === 'acceptance' ? m.expiresHint : m.expiresHintSignOff}
          required={kind === 'acceptance'}
          min={kind === 'acceptance' ? nextDay(today) : undefined}
          max={addCalendarMonths(today, 36)}
          maw={220}
          data-testid="acceptance-expiresOn"
        />
        {form.formError ? <ErrorState error={form.formError} title={form.formError.code === 'conflict' ? m.conflict : form.formError.code === 'permission_denied' ? (kind === 'acceptance' ? m.cannotAccept : m.cannotSignOff) : undefined} testId="acceptance-error" /> : null}
        <Text size="xs" c="dimmed">
          {m.acceptRecorded(session.user.displayName)}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="acceptance-confirm">
            {kind === 'acceptance' ? m.confirmAccept : m.confirmSignOff}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AcceptanceHistory({ acceptances, timeZone }: { acceptances: TRiskAcceptance[]; timeZone: string }) {
  if (acceptances.length === 0) return <EmptyState icon={<IconUserCheck size={28} aria-hidden />} title={m.noAcceptancesTitle} description={m.noAcceptancesBody} testId="acceptances-empty" />;
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing={6} data-testid="acceptance-history">
        <TableCaption>{m.acceptancesTitle}</TableCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{m.acceptanceColumns.kind}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.who}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.level}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.when}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.expires}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.state}</Table.Th>
            <Table.Th scope="col">{m.acceptanceColumns.rationale}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {acceptances.map((acceptance) => (
            <Table.Tr key={acceptance.id} data-testid="acceptance-row" data-kind={acceptance.kind} data-stale={acceptance.stale || undefined}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {acceptance.kind === 'clinical_sign_off' ? <IconStethoscope size={14} aria-hidden /> : <IconUserCheck size={14} aria-hidden />}
                  <Text size="sm">{m.kinds[acceptance.kind] ?? acceptance.kind}</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{acceptance.acceptedBy.name}</Text>
                <Text size="xs" c="dimmed">
                  {m.roles[acceptance.role] ?? acceptance.role}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{acceptance.levelLabel}</Text>
                <Text size="xs" c="dimmed">
                  {m.stages[acceptance.stage]} · v{acceptance.methodVersion}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(acceptance.acceptedAt, timeZone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {acceptance.expiresOn ? formatDate(acceptance.expiresOn, 'UTC') : m.noExpiry}
                </Text>
              </Table.Td>
              <Table.Td>
                {acceptance.stale ? (
                  <Stack gap={2}>
                    <Group gap={4} wrap="nowrap">
                      <IconAlertTriangle size={14} aria-hidden color={TEXT_WARNING} />
                      <Text size="sm" fw={600} c={TEXT_WARNING}>
                        {m.stale}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {staleText(acceptance.staleReasons)}
                    </Text>
                  </Stack>
                ) : (
                  <Group gap={4} wrap="nowrap">
                    <IconCircleCheck size={14} aria-hidden color={TEXT_OK} />
                    <Text size="sm" fw={600} c={TEXT_OK}>
                      {m.holds}
                    </Text>
                  </Group>
                )}
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {acceptance.rationale}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function AcceptancePanel({ orgId, risk, timeZone }: { orgId: string; risk: TRiskDetail; timeZone: string }) {
  const treatment = useQuery(riskTreatmentQuery(orgId, risk.id));
  const [dialog, setDialog] = useState<AcceptanceKind | null>(null);
  const stage = risk.acceptanceStage;
  const view = stage ? risk.assessments[stage] : null;
  const { abilities } = risk;

  return (
    <Stack gap="md" maw={1100} data-testid="acceptance-panel">
      <Text size="sm" c="dimmed">
        {m.acceptanceIntro}
      </Text>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {m.acceptanceState}
            </Text>
            <AcceptanceBadge state={risk.acceptanceState} />
          </Group>
          {risk.acceptanceState === 'stale' && risk.staleReasons.length ? (
            <Text size="sm" c={TEXT_WARNING} data-testid="acceptance-stale-reasons">
              {m.staleBecause(staleText(risk.staleReasons))}
            </Text>
          ) : null}
          {risk.acceptanceState === 'awaiting_sign_off' ? (
            <Text size="sm" data-testid="acceptance-awaiting">
              {m.awaitingSignOffHint}
            </Text>
          ) : null}
          {stage && view ? (
            <Group gap="xs">
              <LevelBadge level={view.level} stage={stage} />
              <Text size="sm">{view.acceptance === 'never' ? m.neverAccept(view.level.label) : m.criteria(view.level.label, m.whoMayAccept[view.acceptance] ?? view.acceptance)}</Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {m.notAssessedForAcceptance}
            </Text>
          )}
          {stage && view ? (
            <Text size="xs" c="dimmed">
              {m.acceptanceCovers(m.stages[stage], view.level.label)}
            </Text>
          ) : null}
          {risk.needsClinicalSignOff ? (
            <Alert variant="light" color="grape" icon={<IconInfoCircle aria-hidden />} p="xs">
              {m.patientSafetyNote}
            </Alert>
          ) : null}
          <Group gap="sm" mt="xs">
            {abilities.accept ? (
              <Button leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => setDialog('acceptance')} data-testid="risk-accept">
                {m.acceptRisk}
              </Button>
            ) : null}
            {abilities.signOff ? (
              <Button color="grape" leftSection={<IconStethoscope size={16} aria-hidden />} onClick={() => setDialog('clinical_sign_off')} data-testid="risk-sign-off">
                {m.signOff}
              </Button>
            ) : null}
          </Group>
          {!abilities.accept && abilities.acceptReason ? (
            <Group gap={6} wrap="nowrap" align="flex-start" data-testid="accept-refused">
              <IconLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {m.cannotAccept}:
                </Text>{' '}
                <span data-testid="accept-refused-reason">{abilities.acceptReason}</span>
              </Text>
            </Group>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          {m.acceptancesTitle}
        </Title>
        {treatment.isPending ? <LoadingState rows={3} /> : null}
        {treatment.isError ? <ErrorState error={treatment.error} onRetry={() => void treatment.refetch()} /> : null}
        {treatment.data ? <AcceptanceHistory acceptances={treatment.data.acceptances} timeZone={timeZone} /> : null}
      </Paper>
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'clinical_sign_off' ? m.signOffTitle(risk.ref) : m.acceptTitle(risk.ref, view?.level.label ?? '')} size="lg" centered>
        {dialog ? <AcceptanceForm key={dialog} orgId={orgId} risk={risk} kind={dialog} onDone={() => setDialog(null)} /> : null}
      </Modal>
    </Stack>
  );
}
