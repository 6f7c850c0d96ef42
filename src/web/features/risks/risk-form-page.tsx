/**
 * New risk (optionally raised from a gap on the asset register: /risks/new?fromAsset=…&rule=…, the
 * scenario pre-filled by the server) and edit risk: the form on its own page.
 */
import { Alert, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { riskMessages as m } from './messages.js';
import { RiskForm } from './risk-form.js';
import { emptyRiskValues, valuesOfDraft, valuesOfRisk } from './risk-form-values.js';
import { useRiskCatalogue, useRiskMethod } from './risk-method-api.js';
import { riskDraftQuery, riskQuery } from './risks-api.js';

const newRoute = getRouteApi('/_authed/o/$orgId/risks/new');
const editRoute = getRouteApi('/_authed/o/$orgId/risks/$riskId/edit');

function RegisterLink() {
  const { orgId } = useCurrentOrg();
  return (
    <RouterAnchor to="/o/$orgId/risks" params={{ orgId }} size="xs" fw={700}>
      {m.registerTitle}
    </RouterAnchor>
  );
}

export function RiskCreatePage() {
  const { orgId } = useCurrentOrg();
  const search = newRoute.useSearch();
  const fromGap = search.fromAsset && search.rule ? { assetId: search.fromAsset, rule: search.rule } : null;
  const method = useRiskMethod(orgId);
  const catalogue = useRiskCatalogue(orgId);
  const draft = useQuery({ ...riskDraftQuery(orgId, fromGap?.assetId ?? '', fromGap?.rule ?? ''), enabled: fromGap !== null });
  const initialValues = useMemo(() => (draft.data ? valuesOfDraft(draft.data) : emptyRiskValues()), [draft.data]);
  const isPending = method.isPending || catalogue.isPending || (fromGap !== null && draft.isPending);
  const error = method.error ?? catalogue.error ?? (fromGap ? draft.error : null);

  return (
    <>
      <PageHeader eyebrow={<RegisterLink />} title={fromGap ? m.fromGapTitle : m.newTitle} description={fromGap ? m.fromGapIntro : undefined} />
      <Stack gap="md">
        {draft.data?.existingRiskId ? (
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} maw={1100} data-testid="risk-existing-from-gap">
            {m.existingFromGap}{' '}
            <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId, riskId: draft.data.existingRiskId }} size="sm" c="blue.9" fw={600} underline="always" data-testid="risk-existing-link">
              {m.openExisting}
            </RouterAnchor>
          </Alert>
        ) : null}
        {isPending ? <LoadingState rows={8} /> : null}
        {error ? <ErrorState error={error} onRetry={() => void Promise.all([method.refetch(), catalogue.refetch(), fromGap ? draft.refetch() : null])} /> : null}
        {!isPending && !error && method.data && catalogue.data ? (
          <RiskForm key={draft.data ? `${draft.data.fromGap.assetId}:${draft.data.fromGap.rule}` : 'new'} orgId={orgId} catalogue={catalogue.data} method={method.data} initialValues={initialValues} fromGap={draft.data ? draft.data.fromGap : null} />
        ) : null}
      </Stack>
    </>
  );
}

export function RiskEditPage() {
  const { orgId } = useCurrentOrg();
  const { riskId } = editRoute.useParams();
  const risk = useQuery(riskQuery(orgId, riskId));
  const method = useRiskMethod(orgId);
  const catalogue = useRiskCatalogue(orgId);
  const initialValues = useMemo(() => (risk.data ? valuesOfRisk(risk.data) : null), [risk.data]);
  const error = risk.error ?? method.error ?? catalogue.error;
  return (
    <>
      <PageHeader
        eyebrow={
          risk.data ? (
            <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId, riskId }} size="xs" fw={700}>
              {risk.data.ref} {risk.data.title}
            </RouterAnchor>
          ) : (
            <RegisterLink />
          )
        }
        title={risk.data ? m.editTitle(risk.data.ref) : m.edit}
      />
      {risk.isPending || method.isPending || catalogue.isPending ? <LoadingState rows={8} /> : null}
      {error ? <ErrorState error={error} onRetry={() => void Promise.all([risk.refetch(), method.refetch(), catalogue.refetch()])} /> : null}
      {risk.data && method.data && catalogue.data && initialValues ? (
        <RiskForm key={risk.data.id} orgId={orgId} catalogue={catalogue.data} method={method.data} initialValues={initialValues} risk={risk.data} knownAssets={risk.data.assets} />
      ) : null}
    </>
  );
}
