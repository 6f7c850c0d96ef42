/** Add an asset, or edit one: the form on its own page (long forms read better than in a drawer). */
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { AssetForm } from './asset-form.js';
import { emptyValues, valuesOfAsset } from './asset-form-values.js';
import { assetQuery, classificationQuery } from './assets-api.js';
import { assetMessages as m } from './messages.js';

const editRoute = getRouteApi('/_authed/o/$orgId/assets/$assetId/edit');

export function AssetCreatePage() {
  const { orgId, membership } = useCurrentOrg();
  const levels = useQuery(classificationQuery(orgId));
  const initialValues = useMemo(() => emptyValues(), []);
  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} size="xs" fw={700}>
            {m.registerTitle}
          </RouterAnchor>
        }
        title={m.newTitle}
      />
      {levels.isPending ? <LoadingState rows={8} /> : null}
      {levels.isError ? <ErrorState error={levels.error} onRetry={() => void levels.refetch()} /> : null}
      {levels.data ? <AssetForm orgId={orgId} timeZone={membership.timeZone} levels={levels.data.items} initialValues={initialValues} /> : null}
    </>
  );
}

export function AssetEditPage() {
  const { orgId, membership } = useCurrentOrg();
  const { assetId } = editRoute.useParams();
  const asset = useQuery(assetQuery(orgId, assetId));
  const levels = useQuery(classificationQuery(orgId));
  const initialValues = useMemo(() => (asset.data ? valuesOfAsset(asset.data, membership.timeZone) : null), [asset.data, membership.timeZone]);
  const error = asset.error ?? levels.error;
  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId }} size="xs" fw={700}>
            {asset.data?.name ?? m.registerTitle}
          </RouterAnchor>
        }
        title={asset.data ? m.editTitle(asset.data.name) : m.edit}
      />
      {asset.isPending || levels.isPending ? <LoadingState rows={8} /> : null}
      {error ? <ErrorState error={error} onRetry={() => void Promise.all([asset.refetch(), levels.refetch()])} /> : null}
      {asset.data && levels.data && initialValues ? (
        <AssetForm key={asset.data.id} orgId={orgId} timeZone={membership.timeZone} levels={levels.data.items} initialValues={initialValues} asset={asset.data} />
      ) : null}
    </>
  );
}
