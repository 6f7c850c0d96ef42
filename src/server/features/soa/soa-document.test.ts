import { describe, expect, it } from 'vitest';
import type { TSoaRow } from '../../../shared/contracts/soa.js';
import { rowCells, SOA_COLUMNS, statusText } from './soa-document.js';
import { buildRow, DEFAULT_ENTRY } from './soa-rows.js';

const requirement = { id: 'iso27001-2022:A.5.30', ref: 'A.5.30', title: 'ICT readiness for business continuity', theme: 'organizational' };
const control = (status: 'not_applicable' | 'implemented') => ({ id: `c-${status}`, code: 'BC-1', name: 'Continuity plan', organizationId: 'org', status, effectiveness: 'not_assessed' as const, inherited: false });
const row = (entry: Partial<typeof DEFAULT_ENTRY>, statuses: ('not_applicable' | 'implemented')[]): TSoaRow =>
  buildRow({ requirement, entry: { ...DEFAULT_ENTRY, ...entry }, linked: statuses.map(control), organizationNames: new Map(), evidence: new Map() });
const status = (cells: string[]) => cells[SOA_COLUMNS.indexOf('Implementation status')];
const applicable = (cells: string[]) => cells[SOA_COLUMNS.indexOf('Applicable')];

describe('SoA export cells (ISO/IEC 27001:2022 6.1.3 d)', () => {
  it('never shows an applicable row as not applicable: every linked control not applicable → "No control", with the reason', () => {
    const cells = rowCells(row({}, ['not_applicable']));
    expect(applicable(cells)).toBe('Yes');
    expect(status(cells)).toBe('No control (every linked control is marked not applicable)');
  });

  it('shows an excluded row as not applicable, an override with what it overrides, and a plain derived status as is', () => {
    const excluded = rowCells(row({ applicable: false, exclusionJustification: 'Run in house' }, ['implemented']));
    expect([applicable(excluded), status(excluded)]).toEqual(['No', 'Not applicable']);
    expect(statusText(row({ statusOverride: 'planned', overrideReason: 'Plan under review' }, ['not_applicable']))).toBe('Planned (override of “Not applicable”: Plan under review)');
    expect(statusText(row({}, ['implemented']))).toBe('Implemented');
  });

  it('shows an override of not applicable recorded before the rule as "No control"', () => {
    const legacy = row({ statusOverride: 'not_applicable', overrideReason: 'old data' }, ['implemented']);
    expect(legacy.effectiveStatus).toBe('none');
    expect(statusText(legacy)).toBe('No control (override of “Implemented”: old data)');
  });
});
