/** The asset's history, read from the audit trail (A.8.15): who changed what, and when, in the org's zone. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ASSET_TYPE_LABELS, DATA_CATEGORY_LABELS } from '../../../shared/contracts/assets.js';
import { SubjectHistory, type HistoryVocabulary } from '../audit-log/index.js';
import { classificationQuery } from './assets-api.js';
import { assetMessages as m } from './messages.js';

const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  type: ASSET_TYPE_LABELS,
  lifecycle: m.lifecycle,
  hosting: m.hosting,
  dataCategories: DATA_CATEGORY_LABELS,
};

export function AssetHistoryTab({ orgId, assetId, timeZone }: { orgId: string; assetId: string; timeZone: string }) {
  const levelList = useQuery(classificationQuery(orgId)).data?.items;
  const vocabulary = useMemo<HistoryVocabulary>(() => {
    const levels: Record<string, string> = Object.fromEntries((levelList ?? []).map((level) => [level.id, level.name]));
    return {
      fieldLabels: m.fields,
      valueLabel: (key, value) => {
        const labels = key === 'classificationId' ? levels : VALUE_LABELS[key];
        if (!labels) return undefined;
        if (Array.isArray(value)) return value.length ? value.map((item) => labels[String(item)] ?? String(item)).join(', ') : undefined;
        return labels[String(value)] ?? String(value);
      },
    };
  }, [levelList]);
  return <SubjectHistory orgId={orgId} subjectType="asset" subjectId={assetId} timeZone={timeZone} testId="asset-history" emptyBody={m.historyEmptyBody} vocabulary={vocabulary} />;
}
