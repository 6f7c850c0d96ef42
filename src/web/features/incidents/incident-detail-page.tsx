/**
 * One incident (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.308(a)(6), 164.402–164.414; GDPR Arts. 33–34):
 * a header with its reference, title, status, severity and breach conclusions, and tabs for the record,
 * the handling workflow, the breach assessment, the notification clocks and drafts, the timeline, the
 * communications log, the follow-up actions and (with audit.read) the history from the audit trail. Buttons follow the person's permissions; an archived
 * incident is read-only.
 */
import { Alert, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArchive, IconStethoscope } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TIncident, TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { AssessmentTab } from './assessment-tab.js';
import { ClocksTab } from './clocks-tab.js';
import { DraftsTab } from './drafts-tab.js';
import { IncidentActionsTab } from './incident-actions-tab.js';
import { ConclusionBadges, IncidentStatusBadge, SeverityBadge } from './incident-badges.js';
import { IncidentCommunicationsTab } from './incident-communications-tab.js';
import { IncidentHistoryTab } from './incident-history-tab.js';
import { IncidentOverviewTab } from './incident-overview-tab.js';
import { INCIDENT_TABS, type IncidentTab } from './incident-search.js';
import { IncidentTimelineTab } from './incident-timeline-tab.js';
import { IncidentWorkflowTab } from './incident-workflow-tab.js';
import { incidentQuery, incidentSettingsQuery, invalidateIncidents } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/incidents/$incidentId');
const m = incidentMessages.detail;
const label = { textTransform: 'none' as const };

function Header({ incident, levels, timeZone }: { incident: TIncident; levels: readonly TSeverityLevel[]; timeZone: string }) {
  const { orgId } = useCurrentOrg();
  const reported = formatDateTime(incident.reportedAt, timeZone);
  return (
    <Stack gap={6} mb="lg" maw={1000}>
      <RouterAnchor to="/o/$orgId/incidents" params={{ orgId }} size="xs" fw={700} tt="uppercase" lts={0.6}>
        {incidentMessages.register.title}
      </RouterAnchor>
      <Title order={1} fz={26} data-testid="page-title">
        <Text span ff="monospace" fz={22} c="dimmed" mr={8} data-testid="incident-ref">
          {incident.ref}
        </Text>
        {incident.title}
      </Title>
      <Group gap="xs" wrap="wrap" data-testid="incident-header-badges">
        <IncidentStatusBadge status={incident.status} archived={incident.archivedAt !== null} />
        <SeverityBadge severity={incident.severity} levels={levels} withLabel />
        <Badge variant="default" styles={{ label }}>
          {incidentMessages.categories[incident.category]}
        </Badge>
        {incident.phiMayBeInvolved ? (
          <Badge variant="light" color="grape" styles={{ label }} leftSection={<IconStethoscope size={12} aria-hidden />} data-testid="incident-phi-flag">
            {incidentMessages.phiFlag}
          </Badge>
        ) : null}
      </Group>
      <Group gap="xs" wrap="wrap" align="flex-start">
        <ConclusionBadges hipaa={incident.hipaaConclusion} gdpr={incident.gdprConclusion} />
      </Group>
      <Text size="sm" c="dimmed">
        {incident.reportedBy ? m.reportedBy(incident.reportedBy.name, reported) : m.reportedOn(reported)}
      </Text>
    </Stack>
  );
}

export function IncidentDetailPage() {
  const { orgId, membership } = useCurrentOrg();
  const { incidentId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(incidentQuery(orgId, incidentId));
  const levels = useQuery(incidentSettingsQuery(orgId)).data?.severities ?? [];

  if (query.isPending) return <LoadingState rows={8} />;
  if (query.isError) {
    return (
      <Stack gap="md" maw={760}>
        <ErrorState error={query.error} title={m.notShown} onRetry={() => void query.refetch()} />
        <div>
          <LinkButton to="/o/$orgId/incidents" params={{ orgId }} variant="default">
            {m.backToRegister}
          </LinkButton>
        </div>
      </Stack>
    );
  }
  const incident = query.data;
  const timeZone = membership.timeZone;
  const canReadHistory = hasPermission(membership, 'audit.read');
  const tabs = INCIDENT_TABS.filter((value) => value !== 'history' || canReadHistory);
  const tab: IncidentTab = search.tab && tabs.includes(search.tab) ? search.tab : 'overview';
  const setTab = (next: string | null) => void navigate({ search: { tab: next === 'overview' || !next ? undefined : (next as IncidentTab) }, replace: true });
  const onChanged = () => void invalidateIncidents(queryClient, orgId);
  const tabProps = { orgId, incident, onChanged };

  return (
    <>
      <Header incident={incident} levels={levels} timeZone={timeZone} />
      {incident.archivedAt ? (
        <Alert variant="light" color="gray" icon={<IconArchive aria-hidden />} mb="md" maw={1000} data-testid="incident-archived-notice">
          {m.archivedNotice}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false} data-testid="incident-tabs">
        <Tabs.List aria-label={m.tabsLabel} mb="lg">
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`incident-tab-${value}`}>
              {m.tabs[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <IncidentOverviewTab {...tabProps} levels={levels} />
        </Tabs.Panel>
        <Tabs.Panel value="workflow">
          <IncidentWorkflowTab {...tabProps} />
        </Tabs.Panel>
        <Tabs.Panel value="assessment">
          <AssessmentTab {...tabProps} />
        </Tabs.Panel>
        <Tabs.Panel value="clocks">
          <ClocksTab {...tabProps} />
        </Tabs.Panel>
        <Tabs.Panel value="drafts">
          <DraftsTab {...tabProps} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <IncidentTimelineTab {...tabProps} />
        </Tabs.Panel>
        <Tabs.Panel value="communications">
          <IncidentCommunicationsTab {...tabProps} preselectObligation={search.obligation} />
        </Tabs.Panel>
        <Tabs.Panel value="actions">
          <IncidentActionsTab {...tabProps} />
        </Tabs.Panel>
        {canReadHistory ? (
          <Tabs.Panel value="history">
            <IncidentHistoryTab orgId={orgId} incident={incident} levels={levels} timeZone={timeZone} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}
