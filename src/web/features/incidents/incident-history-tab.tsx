/**
 * The incident's history, read from the tamper-evident audit trail (A.5.28 collection of evidence, A.8.15
 * logging): who reported, changed, moved, assessed, notified and archived it, and when, in the org's zone.
 * The events name the fields changed, never the contents of the encrypted ones (description, PHI details,
 * root cause, lessons learned), so neither does this tab. Shown to people with audit.read.
 */
import { useMemo } from 'react';
import type { TIncident, TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { SubjectHistory, type HistoryVocabulary } from '../audit-log/index.js';
import { incidentMessages as m } from './messages.js';

const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  category: m.categories,
  status: m.actionStatuses,
  from: m.statuses,
  to: m.statuses,
  rootCauseCategory: m.rootCauses,
  dataCategories: m.dataCategories,
  hhsBreachType: m.hhsBreachTypes,
  hhsLocations: m.hhsLocations,
  phiKinds: m.phiKinds,
  recipient: m.recipients,
  channel: m.channels,
  hipaaConclusion: m.hipaaConclusions,
  gdprConclusion: m.gdprConclusions,
  fields: { ...m.fields, ...m.history.keys },
};

export function incidentHistoryVocabulary(incident: TIncident, levels: readonly TSeverityLevel[]): HistoryVocabulary {
  const names = new Map<string, string>(incident.assets.map((asset) => [asset.id, asset.name]));
  if (incident.handler) names.set(incident.handler.id, incident.handler.name);
  if (incident.reportedBy) names.set(incident.reportedBy.id, incident.reportedBy.name);
  const severities = Object.fromEntries(levels.map((level) => [level.key, level.label]));
  const labelsOf = (key: string) => (key === 'severity' ? severities : VALUE_LABELS[key]);
  return {
    fieldLabels: { ...m.fields, ...m.history.keys },
    valueLabel: (key, value) => {
      if (key === 'assetIds' || key === 'handlerUserId' || key === 'ownerUserId') {
        const ids = Array.isArray(value) ? value : [value];
        return ids.map((id) => names.get(String(id)) ?? String(id)).join(', ') || m.none;
      }
      const labels = labelsOf(key);
      if (!labels) return undefined;
      if (Array.isArray(value)) return value.length ? value.map((item) => labels[String(item)] ?? String(item)).join(', ') : m.none;
      return labels[String(value)] ?? String(value);
    },
  };
}

export function IncidentHistoryTab({ orgId, incident, levels, timeZone }: { orgId: string; incident: TIncident; levels: readonly TSeverityLevel[]; timeZone: string }) {
  const vocabulary = useMemo(() => incidentHistoryVocabulary(incident, levels), [incident, levels]);
  return <SubjectHistory orgId={orgId} subjectType="incident" subjectId={incident.id} timeZone={timeZone} testId="incident-history" emptyBody={m.history.emptyBody} vocabulary={vocabulary} />;
}
