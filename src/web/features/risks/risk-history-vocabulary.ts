/**
 * How a risk's audit events are put into words (A.8.15): field names, catalogue ids as titles, asset
 * and owner ids as names where known, and an assessment as "Likelihood 4 × Availability 3 → High".
 */
import { IMPACT_DIMENSIONS, type ImpactDimension } from '../../../shared/contracts/risk-method.js';
import type { HistoryVocabulary } from '../audit-log/index.js';
import { riskMessages as m } from './messages.js';

export interface HistoryContext {
  /** Level key → label (the method in force; a key it no longer has is shown as is). */
  levels: ReadonlyMap<string, string>;
  /** Catalogue id → title (threats, sources, vulnerabilities). */
  catalogue: ReadonlyMap<string, string>;
  /** Asset, person and control id → name, as far as the page knows them. */
  names: ReadonlyMap<string, string>;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...m.fields,
  description: m.history.description,
  ref: m.columns.ref,
  controls: m.controlsTitle,
  task: m.history.task,
  outcome: m.reviewFields.outcome,
  reviewedOn: m.reviewFields.reviewedOn,
  comment: m.reviewFields.comment,
  rationale: m.rationale,
  expiresOn: m.expiresOn,
  role: m.acceptanceColumns.role,
  level: m.history.level,
  stage: m.history.stage,
  methodVersion: m.history.methodVersion,
  nextReviewOn: m.nextReview,
  lastReviewedOn: m.history.lastReviewedOn,
  fromGap: m.overview.fromGap,
  dueOn: m.taskFields.dueOn,
  costOneOff: m.taskFields.costOneOff,
  costYearly: m.taskFields.costYearly,
  remapped: m.history.remapped,
  reviewId: m.history.reviewId,
  acceptanceId: m.history.acceptanceId,
  riskVersion: m.history.riskVersion,
};

const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  category: m.categories,
  status: { ...m.statuses, ...m.taskStatuses },
  treatmentOption: m.treatmentOptions,
  outcome: m.reviewOutcomes,
  role: m.roles,
  stage: m.stages,
};

/** Record keys whose values are ids the page may know the name or title of. */
const ID_KEYS = new Set(['threatId', 'threatSourceIds', 'vulnerabilityIds', 'assetIds', 'ownerUserId']);

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value && typeof value === 'object' && !Array.isArray(value));

/** "Likelihood 4 × Availability 3, Patient safety 4 → High" for a stored assessment as the audit trail records it. */
export function assessmentText(value: Record<string, unknown>, levels: ReadonlyMap<string, string>): string | undefined {
  if (typeof value.likelihood !== 'number' || !isRecord(value.impacts)) return undefined;
  const impacts = IMPACT_DIMENSIONS.filter((dimension) => typeof (value.impacts as Record<string, unknown>)[dimension] === 'number').map((dimension: ImpactDimension) => `${m.dimensions[dimension]} ${(value.impacts as Record<string, number>)[dimension]}`);
  const level = typeof value.level === 'string' ? (levels.get(value.level) ?? value.level) : null;
  return `${m.likelihood} ${value.likelihood} × ${impacts.join(', ') || m.notAssessed}${level ? ` → ${level}` : ''}`;
}

function valueText(key: string, value: unknown, context: HistoryContext): string | undefined {
  if (ID_KEYS.has(key)) {
    const name = (id: unknown) => context.catalogue.get(String(id)) ?? context.names.get(String(id)) ?? String(id);
    return Array.isArray(value) ? (value.length ? value.map(name).join(', ') : undefined) : name(value);
  }
  const labels = ENUM_LABELS[key];
  if (labels) return Array.isArray(value) ? value.map((item) => labels[String(item)] ?? String(item)).join(', ') : (labels[String(value)] ?? String(value));
  if (key === 'inherent' || key === 'current' || key === 'residual') return isRecord(value) ? assessmentText(value, context.levels) : undefined;
  if (key === 'level') {
    if (isRecord(value) && typeof value.label === 'string') return value.label;
    return typeof value === 'string' ? (context.levels.get(value) ?? value) : undefined;
  }
  if (key === 'task' && isRecord(value) && typeof value.title === 'string') return value.title;
  if (key === 'controls' && Array.isArray(value)) return value.map((control) => (isRecord(control) ? `${String(control.code ?? '')} ${String(control.name ?? '')}`.trim() : String(control))).join(', ');
  if (key === 'fromGap' && isRecord(value)) return `${context.names.get(String(value.assetId)) ?? String(value.assetId)} — ${context.catalogue.get(`gap:${String(value.rule)}`) ?? String(value.rule)}`;
  if (key === 'remapped' && isRecord(value)) {
    return Object.entries(value)
      .map(([stage, change]) => {
        const stageLabel = m.stages[stage as keyof typeof m.stages] ?? stage;
        if (!isRecord(change)) return stageLabel;
        const before = isRecord(change.old) ? assessmentText(change.old, context.levels) : undefined;
        const after = isRecord(change.new) ? assessmentText(change.new, context.levels) : undefined;
        return `${stageLabel}: ${before ?? '—'} → ${after ?? '—'}`;
      })
      .join('; ');
  }
  return undefined;
}

export function riskHistoryVocabulary(context: HistoryContext): HistoryVocabulary {
  return { fieldLabels: FIELD_LABELS, valueLabel: (key, value) => valueText(key, value, context) };
}
