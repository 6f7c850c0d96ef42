/**
 * The organization area (/o/:orgId/...): checks I have a membership there, keeps everything behind
 * mandatory MFA enrolment when an organization requires it, and provides the current organization.
 */
import { IconLock } from '@tabler/icons-react';
import { getRouteApi, Outlet } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import type { Permission } from '../../shared/permissions.js';
import { MfaEnrolmentGate } from '../features/account/index.js';
import { hasPermission, rememberOrganization, useSession } from '../features/auth/index.js';
import { CurrentOrgProvider, useCurrentOrg } from '../kernel/current-org.js';
import { EmptyState } from '../ui/empty-state.js';
import { LinkButton } from '../ui/links.js';
import { appMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId');

export function OrgLayout() {
  const { orgId } = route.useParams();
  const session = useSession();
  const membership = session.memberships.find((item) => item.organizationId === orgId);

  useEffect(() => {
    if (membership) rememberOrganization(orgId);
  }, [orgId, membership]);

  if (!membership) {
    return <EmptyState icon={<IconLock size={28} aria-hidden />} title={m.noAccessTitle} description={m.noAccessBody} action={<LinkButton to="/">{m.goToStart}</LinkButton>} testId="org-no-access" />;
  }
  if (session.mustEnrolMfa) return <MfaEnrolmentGate />;
  return (
    <CurrentOrgProvider value={{ orgId, membership }}>
      <Outlet />
    </CurrentOrgProvider>
  );
}

/** A page the role in this organization does not allow: say so instead of showing an API refusal. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { orgId, membership } = useCurrentOrg();
  if (hasPermission(membership, permission)) return <>{children}</>;
  return (
    <EmptyState
      icon={<IconLock size={28} aria-hidden />}
      title={m.noPermissionTitle}
      description={m.noPermissionBody(permission)}
      action={
        <LinkButton to="/o/$orgId/overview" params={{ orgId }} variant="default">
          {m.nav.overview}
        </LinkButton>
      }
      testId="no-permission"
    />
  );
}
