/** A risk's history, read from the audit trail (A.8.15): changes, assessments, treatment, acceptances and reviews, in the org's zone. */
import { useMemo } from 'react';
import type { TRiskDetail } from '../../../shared/contracts/risks.js';
import { SubjectHistory } from '../audit-log/index.js';
import { riskMessages as m } from './messages.js';
import { riskHistoryVocabulary } from './risk-history-vocabulary.js';
import { useRiskCatalogue, useRiskMethod } from './risk-method-api.js';

export function RiskHistoryTab({ orgId, risk, timeZone }: { orgId: string; risk: TRiskDetail; timeZone: string }) {
  const method = useRiskMethod(orgId).data;
  const catalogue = useRiskCatalogue(orgId).data;
  const vocabulary = useMemo(() => {
    const levels = new Map((method?.method.levels ?? []).map((level) => [level.key, level.label]));
    const entries = catalogue ? [...catalogue.threats, ...catalogue.threatSources, ...catalogue.vulnerabilities] : [];
    const titles = new Map<string, string>(entries.map((entry) => [entry.id, entry.title]));
    for (const entry of catalogue?.vulnerabilities ?? []) if (entry.gapRule) titles.set(`gap:${entry.gapRule}`, entry.title);
    const names = new Map<string, string>([...risk.assets.map((asset) => [asset.id, asset.name] as const), ...risk.controls.map((control) => [control.id, `${control.code} ${control.name}`] as const)]);
    if (risk.owner) names.set(risk.owner.id, risk.owner.name);
    if (risk.fromGap?.assetName) names.set(risk.fromGap.assetId, risk.fromGap.assetName);
    return riskHistoryVocabulary({ levels, catalogue: titles, names });
  }, [catalogue, method, risk]);
  return <SubjectHistory orgId={orgId} subjectType="risk" subjectId={risk.id} timeZone={timeZone} testId="risk-history" emptyBody={m.historyEmptyBody} vocabulary={vocabulary} />;
}
