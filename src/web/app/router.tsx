/**
 * The route tree (code-based, no codegen). Every signed-in route sits under `_authed`, which loads the
 * session first and sends anyone without one to sign-in, remembering where they were going. The current
 * organization lives in the URL (/o/:orgId/...) so links can be shared and the back button works.
 */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { ACCOUNT_TABS, AccountPage, type AccountTab } from '../features/account/index.js';
import {
  AssetCreatePage,
  AssetDetailPage,
  AssetEditPage,
  AssetRegisterPage,
  ClassificationPage,
  FlowDiagramPage,
  GapsPage,
  ImportPage,
  validateAssetDetailSearch,
  validateAssetSearch,
  validateFlowDiagramSearch,
  validateGapSearch,
} from '../features/assets/index.js';
import { AuditLogPage, validateAuditSearch } from '../features/audit-log/index.js';
import { ComplyOncePage, HipaaPage, ReadinessPage, validateReadinessSearch } from '../features/compliance/index.js';
import { ControlCreatePage, ControlDetailPage, ControlEditPage, ControlRegisterPage, validateControlDetailSearch, validateControlSearch } from '../features/controls/index.js';
import { defaultOrganizationId, sessionQueryOptions, SignInPage } from '../features/auth/index.js';
import { FrameworkBrowserPage, FrameworksPage, validateFrameworkBrowserSearch } from '../features/frameworks/index.js';
import {
  BreachClockPage,
  HhsLogPage,
  IncidentDetailPage,
  IncidentRegisterPage,
  IncidentSettingsPage,
  ReportIncidentPage,
  validateIncidentDetailSearch,
  validateIncidentSearch,
} from '../features/incidents/index.js';
import { OrganizationPage, PeoplePage, validatePeopleSearch } from '../features/organizations/index.js';
import { OverviewPage } from '../features/overview/index.js';
import {
  CataloguePage,
  HeatmapPage,
  MethodEditorPage,
  RiskCreatePage,
  RiskDetailPage,
  RiskEditPage,
  RiskImportPage,
  RiskRegisterPage,
  TaskBoardPage,
  validateCatalogueSearch,
  validateHeatmapSearch,
  validateMethodSearch,
  validateRiskDetailSearch,
  validateRiskNewSearch,
  validateRiskSearch,
  validateTaskBoardSearch,
} from '../features/risks/index.js';
import { SoaPage, validateSoaSearch } from '../features/soa/index.js';
import { isApiError } from '../kernel/api-client.js';
import { readEnum, readText } from '../kernel/table.js';
import { PageLoader } from '../ui/loading-state.js';
import { AppLayout } from './app-shell.js';
import { NotFoundPage, PageError } from './not-found.js';
import { OrgLayout, RequirePermission } from './org-layout.js';

export interface RouterContext {
  queryClient: QueryClient;
}

interface SignInSearch {
  redirect?: string;
  reason?: 'signed_out' | 'expired';
}

interface AccountSearch {
  tab?: AccountTab;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: PageError,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (raw: Record<string, unknown>): SignInSearch => ({ redirect: readText(raw.redirect, 1000), reason: readEnum(raw.reason, ['signed_out', 'expired'] as const) }),
  // Already signed in (the session is in memory): no second sign-in. Not while signing out or after
  // an expiry: those arrive here with a reason, before the cache is cleared.
  beforeLoad: ({ context, search }) => {
    if (!search.reason && context.queryClient.getQueryData(sessionQueryOptions.queryKey)) throw redirect({ to: '/' });
  },
  component: SignInPage,
});

const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_authed',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQueryOptions);
    } catch (error) {
      if (isApiError(error) && error.code === 'unauthenticated') throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      throw error;
    }
  },
  component: AppLayout,
  pendingComponent: () => <PageLoader />,
  errorComponent: PageError,
});

const indexRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const session = context.queryClient.getQueryData(sessionQueryOptions.queryKey);
    const orgId = session ? defaultOrganizationId(session) : null;
    if (orgId) throw redirect({ to: '/o/$orgId/overview', params: { orgId } });
    throw redirect({ to: '/account' });
  },
});

const accountRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/account',
  validateSearch: (raw: Record<string, unknown>): AccountSearch => ({ tab: readEnum(raw.tab, ACCOUNT_TABS) }),
  component: AccountPage,
});

const orgRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/o/$orgId',
  component: OrgLayout,
});

const orgIndexRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/o/$orgId/overview', params: { orgId: params.orgId } });
  },
});

const overviewRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'overview',
  component: OverviewPage,
});

const organizationRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'organization',
  component: OrganizationPage,
});

const peopleRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'people',
  validateSearch: validatePeopleSearch,
  component: () => (
    <RequirePermission permission="member.read">
      <PeoplePage />
    </RequirePermission>
  ),
});

const auditLogRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'audit-log',
  validateSearch: validateAuditSearch,
  component: () => (
    <RequirePermission permission="audit.read">
      <AuditLogPage />
    </RequirePermission>
  ),
});

// Plan → Assets, Data flows, Gaps; Admin → Classification (A.5.9, A.5.12, A.5.14).
const assetsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'assets',
  validateSearch: validateAssetSearch,
  component: () => (
    <RequirePermission permission="asset.read">
      <AssetRegisterPage />
    </RequirePermission>
  ),
});

const assetNewRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'assets/new',
  component: () => (
    <RequirePermission permission="asset.write">
      <AssetCreatePage />
    </RequirePermission>
  ),
});

const assetImportRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'assets/import',
  component: () => (
    <RequirePermission permission="asset.write">
      <ImportPage />
    </RequirePermission>
  ),
});

const assetDetailRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'assets/$assetId',
  validateSearch: validateAssetDetailSearch,
  component: () => (
    <RequirePermission permission="asset.read">
      <AssetDetailPage />
    </RequirePermission>
  ),
});

const assetEditRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'assets/$assetId/edit',
  component: () => (
    <RequirePermission permission="asset.write">
      <AssetEditPage />
    </RequirePermission>
  ),
});

const dataFlowsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'data-flows',
  validateSearch: validateFlowDiagramSearch,
  component: () => (
    <RequirePermission permission="asset.read">
      <FlowDiagramPage />
    </RequirePermission>
  ),
});

const gapsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'gaps',
  validateSearch: validateGapSearch,
  component: () => (
    <RequirePermission permission="asset.read">
      <GapsPage />
    </RequirePermission>
  ),
});

const classificationRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'classification',
  component: () => (
    <RequirePermission permission="asset.read">
      <ClassificationPage />
    </RequirePermission>
  ),
});

// Plan → Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d).
const soaRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'soa',
  validateSearch: validateSoaSearch,
  component: () => (
    <RequirePermission permission="soa.read">
      <SoaPage />
    </RequirePermission>
  ),
});

// Plan → Risks: the register, a risk's assessment, treatment, acceptance and reviews; Do → the treatment
// task board (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3; 45 CFR 164.308(a)(1)(ii)(A)–(B)).
const risksRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risks',
  validateSearch: validateRiskSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <RiskRegisterPage />
    </RequirePermission>
  ),
});

const riskNewRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risks/new',
  validateSearch: validateRiskNewSearch,
  component: () => (
    <RequirePermission permission="risk.write">
      <RiskCreatePage />
    </RequirePermission>
  ),
});

const riskImportRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risks/import',
  component: () => (
    <RequirePermission permission="risk.write">
      <RiskImportPage />
    </RequirePermission>
  ),
});

const riskDetailRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risks/$riskId',
  validateSearch: validateRiskDetailSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <RiskDetailPage />
    </RequirePermission>
  ),
});

const riskEditRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risks/$riskId/edit',
  component: () => (
    <RequirePermission permission="risk.write">
      <RiskEditPage />
    </RequirePermission>
  ),
});

const riskTasksRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risk-tasks',
  validateSearch: validateTaskBoardSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <TaskBoardPage />
    </RequirePermission>
  ),
});

// Plan → Risk method (6.1.2 a–d) with its threat/vulnerability catalogue; Check → the risk heat map (6.1.2 e, 9.1).
const riskMethodRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risk-method',
  validateSearch: validateMethodSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <MethodEditorPage />
    </RequirePermission>
  ),
});

const riskCatalogueRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risk-catalogue',
  validateSearch: validateCatalogueSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <CataloguePage />
    </RequirePermission>
  ),
});

const riskHeatmapRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'risk-heatmap',
  validateSearch: validateHeatmapSearch,
  component: () => (
    <RequirePermission permission="risk.read">
      <HeatmapPage />
    </RequirePermission>
  ),
});

// Plan → Frameworks: the catalogue, its crosswalk and OSCAL import (ISO/IEC 27001:2022 6.1.3 c; 45 CFR 164.306(d)).
const frameworksRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'frameworks',
  component: () => (
    <RequirePermission permission="framework.read">
      <FrameworksPage />
    </RequirePermission>
  ),
});

const frameworkBrowserRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'frameworks/$frameworkId',
  validateSearch: validateFrameworkBrowserSearch,
  component: () => (
    <RequirePermission permission="framework.read">
      <FrameworkBrowserPage />
    </RequirePermission>
  ),
});

// Do → Controls and evidence (ISO/IEC 27001:2022 6.1.3, 8.1; 45 CFR 164.308(a)(1)(ii)(B), 164.316(b)(1)).
const controlsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'controls',
  validateSearch: validateControlSearch,
  component: () => (
    <RequirePermission permission="control.read">
      <ControlRegisterPage />
    </RequirePermission>
  ),
});

const controlNewRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'controls/new',
  component: () => (
    <RequirePermission permission="control.write">
      <ControlCreatePage />
    </RequirePermission>
  ),
});

const controlDetailRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'controls/$controlId',
  validateSearch: validateControlDetailSearch,
  component: () => (
    <RequirePermission permission="control.read">
      <ControlDetailPage />
    </RequirePermission>
  ),
});

const controlEditRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'controls/$controlId/edit',
  component: () => (
    <RequirePermission permission="control.write">
      <ControlEditPage />
    </RequirePermission>
  ),
});

// Check → Readiness per framework and section, "comply once", and the HIPAA Security Rule with its
// addressable decisions (ISO/IEC 27001:2022 9.1; 45 CFR 164.306(d)(3), 164.308(a)(8)).
const readinessRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'readiness',
  validateSearch: validateReadinessSearch,
  component: () => (
    <RequirePermission permission="control.read">
      <ReadinessPage />
    </RequirePermission>
  ),
});

const complyOnceRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'readiness/controls/$controlId',
  component: () => (
    <RequirePermission permission="control.read">
      <ComplyOncePage />
    </RequirePermission>
  ),
});

// Check → the what-if breach clock (HIPAA 45 CFR 164.404–164.412, GDPR Art. 33–34): needs only a session.
const breachClockRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'breach-clock',
  component: () => (
    <RequirePermission permission="org.read">
      <BreachClockPage />
    </RequirePermission>
  ),
});

// Do → Incidents: the register and one incident (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.308(a)(6));
// anyone in the workforce may report one (A.6.8). Check → the HHS breach log (164.408(c)); Admin → settings.
const incidentsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'incidents',
  validateSearch: validateIncidentSearch,
  component: () => (
    <RequirePermission permission="incident.read">
      <IncidentRegisterPage />
    </RequirePermission>
  ),
});

const incidentDetailRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'incidents/$incidentId',
  validateSearch: validateIncidentDetailSearch,
  component: () => (
    <RequirePermission permission="incident.read">
      <IncidentDetailPage />
    </RequirePermission>
  ),
});

const reportIncidentRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'report-incident',
  component: () => (
    <RequirePermission permission="incident.report">
      <ReportIncidentPage />
    </RequirePermission>
  ),
});

const hhsBreachLogRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'hhs-breach-log',
  component: () => (
    <RequirePermission permission="incident.read">
      <HhsLogPage />
    </RequirePermission>
  ),
});

const incidentSettingsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'incident-settings',
  component: () => (
    <RequirePermission permission="incident.read">
      <IncidentSettingsPage />
    </RequirePermission>
  ),
});

const hipaaRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: 'hipaa',
  component: () => (
    <RequirePermission permission="control.read">
      <HipaaPage />
    </RequirePermission>
  ),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  authedRoute.addChildren([indexRoute, accountRoute, orgRoute.addChildren([
      orgIndexRoute,
      overviewRoute,
      organizationRoute,
      peopleRoute,
      auditLogRoute,
      assetsRoute,
      assetNewRoute,
      assetImportRoute,
      assetDetailRoute,
      assetEditRoute,
      dataFlowsRoute,
      gapsRoute,
      classificationRoute,
      soaRoute,
      risksRoute,
      riskNewRoute,
      riskImportRoute,
      riskDetailRoute,
      riskEditRoute,
      riskTasksRoute,
      riskMethodRoute,
      riskCatalogueRoute,
      riskHeatmapRoute,
      frameworksRoute,
      frameworkBrowserRoute,
      controlsRoute,
      controlNewRoute,
      controlDetailRoute,
      controlEditRoute,
      readinessRoute,
      complyOnceRoute,
      hipaaRoute,
      breachClockRoute,
      incidentsRoute,
      incidentDetailRoute,
      reportIncidentRoute,
      hhsBreachLogRoute,
      incidentSettingsRoute,
    ])]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data freshness is TanStack Query's job; the router must not cache loader results on its own.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingMinMs: 0,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
