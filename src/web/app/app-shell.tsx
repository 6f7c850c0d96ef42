/**
 * The signed-in frame: header (brand, organization switcher, user menu), the left navigation grouped
 * the way an ISMS runs (only areas that exist appear), a banner when the data is demo data, and the page.
 */
import { Alert, AppShell, Burger, Group, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlertOctagon, IconAlertTriangle, IconArrowsExchange, IconFirstAidKit, IconMessageReport, IconSettings, IconReportMedical, IconBooks, IconBuildingHospital, IconChecklist, IconClipboardCheck, IconFileCertificate, IconFlask, IconGauge, IconGridDots, IconHistory, IconHourglass, IconLayoutDashboard, IconListCheck, IconServer2, IconShieldCheck, IconTags, IconUsers, type Icon } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { defaultOrganizationId, hasPermission, useSession } from '../features/auth/index.js';
import { RouterNavLink } from '../ui/links.js';
import classes from './app-shell.module.css';
import { appMessages as m } from './messages.js';
import { NAV_GROUPS, ORG_SECTIONS, orgIdOfPath, type OrgSection } from './org-sections.js';
import { OrgSwitcher } from './org-switcher.js';
import { UserMenu } from './user-menu.js';

const SECTION_META: Record<OrgSection['segment'], { label: string; icon: Icon }> = {
  overview: { label: m.nav.overview, icon: IconLayoutDashboard },
  organization: { label: m.nav.organization, icon: IconBuildingHospital },
  people: { label: m.nav.people, icon: IconUsers },
  'audit-log': { label: m.nav.auditLog, icon: IconHistory },
  assets: { label: m.nav.assets, icon: IconServer2 },
  'data-flows': { label: m.nav.dataFlows, icon: IconArrowsExchange },
  gaps: { label: m.nav.gaps, icon: IconAlertTriangle },
  classification: { label: m.nav.classification, icon: IconTags },
  risks: { label: m.nav.risks, icon: IconAlertOctagon },
  'risk-tasks': { label: m.nav.riskTasks, icon: IconListCheck },
  'risk-method': { label: m.nav.riskMethod, icon: IconAdjustmentsHorizontal },
  'risk-heatmap': { label: m.nav.riskHeatmap, icon: IconGridDots },
  soa: { label: m.nav.soa, icon: IconFileCertificate },
  frameworks: { label: m.nav.frameworks, icon: IconBooks },
  controls: { label: m.nav.controls, icon: IconChecklist },
  readiness: { label: m.nav.readiness, icon: IconGauge },
  hipaa: { label: m.nav.hipaa, icon: IconClipboardCheck },
  'breach-clock': { label: m.nav.breachClock, icon: IconHourglass },
  incidents: { label: m.nav.incidents, icon: IconFirstAidKit },
  'report-incident': { label: m.nav.reportIncident, icon: IconMessageReport },
  'hhs-breach-log': { label: m.nav.hhsBreachLog, icon: IconReportMedical },
  'incident-settings': { label: m.nav.incidentSettings, icon: IconSettings },
};

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const session = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const orgId = orgIdOfPath(pathname) ?? defaultOrganizationId(session);
  const membership = session.memberships.find((item) => item.organizationId === orgId);
  if (!orgId || !membership) return null;
  const visible = ORG_SECTIONS.filter((section) => hasPermission(membership, section.permission));
  const link = (section: OrgSection) => {
    const meta = SECTION_META[section.segment];
    const IconComponent = meta.icon;
    const isActive = pathname.startsWith(`/o/${orgId}/${section.segment}`);
    return (
      <RouterNavLink
        key={section.segment}
        to={section.to}
        params={{ orgId }}
        label={meta.label}
        leftSection={<IconComponent size={18} aria-hidden />}
        active={isActive}
        aria-current={isActive ? 'page' : undefined}
        onClick={onNavigate}
        className={classes.navLink}
        data-testid={`nav-${section.segment}`}
      />
    );
  };
  return (
    <nav aria-label={m.navigation}>
      <Stack gap={2}>
        {NAV_GROUPS.map((group) => {
          const sections = visible.filter((section) => section.group === group);
          if (sections.length === 0) return null;
          if (group === 'overview') return sections.map(link);
          return (
            <div key={group}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} lts={0.6} id={`nav-${group}`}>
                {m.nav[group]}
              </Text>
              <div role="group" aria-labelledby={`nav-${group}`}>
                {sections.map(link)}
              </div>
            </div>
          );
        })}
      </Stack>
    </nav>
  );
}

export function AppLayout() {
  const session = useSession();
  const [isNavOpen, nav] = useDisclosure(false);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }} padding={0}>
      <a href="#main" className={classes.skipLink}>
        {m.skipToContent}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="md" wrap="nowrap">
            <Burger opened={isNavOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={m.toggleNavigation} />
            <Link to="/" className={classes.brand} aria-label={`${m.productName}: ${m.nav.overview}`}>
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={32} radius="md" aria-hidden>
                  <IconShieldCheck size={20} />
                </ThemeIcon>
                <Text fw={800} fz="lg" visibleFrom="xs">
                  {m.productName}
                </Text>
              </Group>
            </Link>
            <OrgSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <ScrollArea type="auto">
          <Navigation onNavigate={nav.close} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {session.isDemo ? (
          <Alert variant="light" color="yellow" icon={<IconFlask aria-hidden />} title={m.demoTitle} className={classes.demoBanner} data-testid="demo-banner">
            {m.demoBody}
          </Alert>
        ) : null}
        <div className={classes.page}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
