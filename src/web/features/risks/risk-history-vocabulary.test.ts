import { describe, expect, it } from 'vitest';
import { changeLines } from '../audit-log/subject-history.js';
import { riskHistoryVocabulary } from './risk-history-vocabulary.js';

const ASSET = '01a225c8-79c6-7419-a0f4-a2129cee8ffc';
const vocabulary = riskHistoryVocabulary({
  levels: new Map([
    ['low', 'Low'],
    ['high', 'High'],
  ]),
  catalogue: new Map([
    ['hicp.loss-theft.smartphone', 'Lost or stolen smartphone'],
    ['vuln.byod-unmanaged', 'Unmanaged personal devices'],
    ['gap:byod_not_allowed', 'Unmanaged personal devices'],
  ]),
  names: new Map([[ASSET, "Clinicians' phones (BYOD)"]]),
});

describe('riskHistoryVocabulary', () => {
  it('puts a created risk into words: titles for catalogue ids, names for assets, assessments with their level', () => {
    expect(
      changeLines(
        {
          category: 'privacy',
          threatId: 'hicp.loss-theft.smartphone',
          vulnerabilityIds: ['vuln.byod-unmanaged'],
          assetIds: [ASSET],
          inherent: { likelihood: 4, impacts: { availability: 3, patient_safety: 4 }, level: 'high' },
          fromGap: { assetId: ASSET, rule: 'byod_not_allowed' },
        },
        vocabulary,
      ),
    ).toEqual([
      'Category: Privacy',
      'Threat: Lost or stolen smartphone',
      'Vulnerabilities: Unmanaged personal devices',
      "Affected assets: Clinicians' phones (BYOD)",
      'Inherent assessment: Likelihood 4 × Availability 3, Patient safety 4 → High',
      "Raised from a gap: Clinicians' phones (BYOD) — Unmanaged personal devices",
    ]);
  });

  it('shows a changed assessment from → to, a task by its title and an acceptance by its level', () => {
    expect(
      changeLines(
        {
          residual: { from: null, to: { likelihood: 1, impacts: { patient_safety: 2 }, level: 'low' } },
          task: { id: 'x', title: 'Roll out full-disk encryption' },
          status: { from: 'todo', to: 'done' },
          level: { key: 'low', label: 'Low', rank: 1 },
          role: 'clinical_safety_officer',
        },
        vocabulary,
      ),
    ).toEqual(['Residual assessment: Likelihood 1 × Patient safety 2 → Low', 'Task: Roll out full-disk encryption', 'Status: To do → Done', 'Level: Low', 'As: Clinical safety officer']);
  });
});
