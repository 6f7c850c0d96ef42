/** Add a control, or edit one: the form on its own page. */
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { organizationQuery } from '../organizations/index.js';
import { ControlForm, emptyControlValues, valuesOfControl } from './control-form.js';
import { controlQuery } from './controls-api.js';
import { controlMessages as m } from './messages.js';

const editRoute = getRouteApi('/_authed/o/$orgId/controls/$controlId/edit');

export function ControlCreatePage() {
  const { orgId } = useCurrentOrg();
  const organization = useQuery(organizationQuery(orgId));
  const initialValues = useMemo(() => emptyControlValues(), []);
  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/controls" params={{ orgId }} size="xs" fw={700}>
            {m.registerTitle}
          </RouterAnchor>
        }
        title={m.newTitle}
      />
      {organization.isPending ? <LoadingState rows={6} /> : null}
      {organization.isError ? <ErrorState error={organization.error} onRetry={() => void organization.refetch()} /> : null}
      {organization.data ? <ControlForm orgId={orgId} isGroup={organization.data.kind === 'group'} initialValues={initialValues} /> : null}
    </>
  );
}

export function ControlEditPage() {
  const { orgId } = useCurrentOrg();
  const { controlId } = editRoute.useParams();
  const control = useQuery(controlQuery(orgId, controlId));
  const organization = useQuery(organizationQuery(orgId));
  const initialValues = useMemo(() => (control.data ? valuesOfControl(control.data) : null), [control.data]);
  const error = control.error ?? organization.error;
  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/controls/$controlId" params={{ orgId, controlId }} size="xs" fw={700}>
            {control.data ? `${control.data.code} ${control.data.name}` : m.registerTitle}
          </RouterAnchor>
        }
        title={control.data ? m.editTitle(control.data.code) : m.edit}
      />
      {control.isPending || organization.isPending ? <LoadingState rows={6} /> : null}
      {error ? <ErrorState error={error} onRetry={() => void Promise.all([control.refetch(), organization.refetch()])} /> : null}
      {control.data && organization.data && initialValues ? (
        control.data.abilities.update ? (
          <ControlForm key={control.data.id} orgId={orgId} control={control.data} isGroup={organization.data.kind === 'group'} initialValues={initialValues} />
        ) : (
          <ErrorState error={new Error(m.inheritedHint)} />
        )
      ) : null}
    </>
  );
}
