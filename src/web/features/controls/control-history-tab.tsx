/** The control's history, read from the audit trail (A.8.15): changes, links and evidence, in the org's zone. */
import { SubjectHistory, type HistoryVocabulary } from '../audit-log/index.js';
import { controlMessages as m } from './messages.js';

const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { status: m.statuses, effectiveness: m.effectiveness, category: m.categories };

const VOCABULARY: HistoryVocabulary = {
  fieldLabels: { ...m.fields, ...m.historyFields },
  valueLabel: (key, value) => (Array.isArray(value) ? undefined : VALUE_LABELS[key]?.[String(value)]),
};

export function ControlHistoryTab({ orgId, controlId, timeZone }: { orgId: string; controlId: string; timeZone: string }) {
  return <SubjectHistory orgId={orgId} subjectType="control" subjectId={controlId} timeZone={timeZone} testId="control-history" emptyBody={m.historyEmptyBody} vocabulary={VOCABULARY} />;
}
