/**
 * One risk (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3): a header with its reference, title and the
 * inherent, current and residual levels, and tabs for the scenario, the assessment (live matrix), the
 * treatment (controls with their status, tasks), the acceptance flow, reviews and the history from the
 * audit trail. Actions follow the risk's `abilities`; the History tab needs audit.read.
 */
import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { RISK_STAGES, type TRiskDetail } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { AcceptancePanel } from './acceptance-panel.js';
import { riskMessages as m } from './messages.js';
import { AcceptanceBadge, DueDate, EphiBadge, LevelBadge, PatientSafetyBadge, RiskStatusBadge, TreatmentBadge } from './risk-badges.js';
import { RiskAssessmentTab } from './risk-assessment-tab.js';
import { RiskHistoryTab } from './risk-history-tab.js';
import { RiskOverviewTab } from './risk-overview-tab.js';
import { RiskReviewsTab } from './risk-reviews-tab.js';
import type { RiskTab } from './risk-search.js';
import { RiskTreatmentTab } from './risk-treatment-tab.js';
import { deleteRisk, invalidateRisks, riskKeys, riskQuery } from './risks-api.js';

const route = getRouteApi('/_authed/o/$orgId/risks/$riskId');

function Header({ risk, onDelete }: { risk: TRiskDetail; onDelete: () => void }) {
  const { orgId } = useCurrentOrg();
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md" mb="lg">
      <Stack gap={6} maw={900}>
        <RouterAnchor to="/o/$orgId/risks" params={{ orgId }} size="xs" fw={700} tt="uppercase" lts={0.6}>
          {m.registerTitle}
        </RouterAnchor>
        <Title order={1} fz={26} data-testid="page-title">
          <Text span ff="monospace" fz={22} c="dimmed" mr={8} data-testid="risk-ref">
            {risk.ref}
          </Text>
          {risk.title}
        </Title>
        <Group gap="xs" wrap="wrap" data-testid="risk-header-levels">
          {RISK_STAGES.map((stage) => (
            <LevelBadge key={stage} level={risk[stage]} stage={stage} />
          ))}
        </Group>
        <Group gap="xs" wrap="wrap" data-testid="risk-header-badges">
          <RiskStatusBadge status={risk.status} />
          <Badge variant="default" styles={{ label: { textTransform: 'none' } }}>
            {m.categories[risk.category]}
          </Badge>
          <TreatmentBadge option={risk.treatmentOption} withLabel />
          <AcceptanceBadge state={risk.acceptanceState} />
          {risk.handlesEphi ? <EphiBadge /> : null}
          {risk.patientSafety ? <PatientSafetyBadge /> : null}
          {risk.reviewOverdue ? <DueDate date={risk.nextReviewOn} isOverdue /> : null}
        </Group>
      </Stack>
      <Group gap="sm">
        {risk.abilities.delete ? (
          <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete} data-testid="risk-delete">
            {m.delete}
          </Button>
        ) : null}
        {risk.abilities.update ? (
          <LinkButton to="/o/$orgId/risks/$riskId/edit" params={{ orgId, riskId: risk.id }} leftSection={<IconPencil size={16} aria-hidden />} data-testid="risk-edit">
            {m.edit}
          </LinkButton>
        ) : null}
      </Group>
    </Group>
  );
}

export function RiskDetailPage() {
  const { orgId, membership } = useCurrentOrg();
  const { riskId } = route.useParams();
  const search = route.useSearch();
  const routeNavigate = route.useNavigate();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(riskQuery(orgId, riskId));
  const [isDeleting, setDeleting] = useState(false);
  const canReadAudit = hasPermission(membership, 'audit.read');
  const remove = useMutation({
    mutationFn: () => deleteRisk(orgId, riskId),
    onSuccess: async () => {
      const ref = query.data?.ref ?? '';
      setDeleting(false);
      await navigate({ to: '/o/$orgId/risks', params: { orgId } });
      queryClient.removeQueries({ queryKey: riskKeys.detail(orgId, riskId) });
      await invalidateRisks(queryClient, orgId);
      notifications.show({ color: 'green', message: m.deleted(ref) });
    },
  });

  if (query.isPending) return <LoadingState rows={8} />;
  if (query.isError) {
    return (
      <Stack gap="md" maw={760}>
        <ErrorState error={query.error} title={m.notShown} onRetry={() => void query.refetch()} />
        <div>
          <LinkButton to="/o/$orgId/risks" params={{ orgId }} variant="default">
            {m.backToRegister}
          </LinkButton>
        </div>
      </Stack>
    );
  }
  const risk = query.data;
  const tab: RiskTab = search.tab === 'history' && !canReadAudit ? 'overview' : (search.tab ?? 'overview');
  const setTab = (next: string | null) => void routeNavigate({ search: { tab: next === 'overview' ? undefined : (next as RiskTab) }, replace: true });
  const count = (n: number) => (n > 0 ? <Badge size="sm" variant="light" circle aria-hidden>{n}</Badge> : undefined);
  const timeZone = membership.timeZone;

  return (
    <>
      <Header risk={risk} onDelete={() => setDeleting(true)} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} data-testid="risk-tabs">
        <Tabs.List aria-label={m.tabsLabel} mb="lg">
          <Tabs.Tab value="overview" data-testid="risk-tab-overview">
            {m.tabs.overview}
          </Tabs.Tab>
          <Tabs.Tab value="assessment" data-testid="risk-tab-assessment">
            {m.tabs.assessment}
          </Tabs.Tab>
          <Tabs.Tab value="treatment" rightSection={count(risk.controls.length + risk.openTaskCount)} data-testid="risk-tab-treatment">
            {m.tabs.treatment}
          </Tabs.Tab>
          <Tabs.Tab value="acceptance" data-testid="risk-tab-acceptance">
            {m.tabs.acceptance}
          </Tabs.Tab>
          <Tabs.Tab value="reviews" data-testid="risk-tab-reviews">
            {m.tabs.reviews}
          </Tabs.Tab>
          {canReadAudit ? (
            <Tabs.Tab value="history" data-testid="risk-tab-history">
              {m.tabs.history}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <RiskOverviewTab risk={risk} />
        </Tabs.Panel>
        <Tabs.Panel value="assessment">
          <RiskAssessmentTab orgId={orgId} risk={risk} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="treatment">
          <RiskTreatmentTab orgId={orgId} risk={risk} />
        </Tabs.Panel>
        <Tabs.Panel value="acceptance">
          <AcceptancePanel orgId={orgId} risk={risk} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews">
          <RiskReviewsTab orgId={orgId} risk={risk} />
        </Tabs.Panel>
        {canReadAudit ? (
          <Tabs.Panel value="history">
            <Text size="sm" c="dimmed" mb="sm">
              {m.historyHint}
            </Text>
            <RiskHistoryTab orgId={orgId} risk={risk} timeZone={timeZone} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <ConfirmDialog
        opened={isDeleting}
        title={m.deleteTitle(risk.ref)}
        recorded={m.deleteRecorded}
        confirmLabel={m.delete}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate()}
        testId="risk-delete-dialog"
      >
        {m.deleteBody}
      </ConfirmDialog>
    </>
  );
}
