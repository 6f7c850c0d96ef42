import { describe, expect, it } from 'vitest';
import type { TIncident } from '../../../shared/contracts/incidents.js';
import { instantOfLocal, localOfInstant, recordOfRows, updateRequestOf, valuesOfIncident } from './incident-form-values.js';

const ID = '01a22680-8929-7775-a7ab-7877d77b96e0';

function buildIncident(overrides: Partial<TIncident> = {}): TIncident {
  return {
    id: ID,
    ref: 'INC-0001',
    title: 'Laptop left on the train',
    category: 'lost_stolen_device',
    severity: null,
    status: 'triage',
    reportedAt: '2026-11-20T13:00:00.000Z',
    discoveredAt: null,
    handler: null,
    individualsTotal: 0,
    hipaaConclusion: 'not_assessed',
    gdprConclusion: 'not_assessed',
    openObligations: 0,
    overdueObligations: 0,
    nextDueAt: null,
    archivedAt: null,
    updatedAt: '2026-11-20T13:00:00.000Z',
    description: 'A nurse laptop',
    phiDetails: '',
    occurredAt: '2026-11-20T13:15:00.000Z',
    detectedAt: null,
    awareAt: null,
    assets: [],
    dataCategories: [],
    individualsByState: { NY: 20, CA: 3 },
    individualsByCountry: {},
    rootCauseCategory: null,
    rootCauseAnalysis: '',
    lessonsLearned: '',
    breachStartDate: null,
    breachEndDate: null,
    hhsBreachType: null,
    hhsLocations: [],
    phiKinds: [],
    safeguardsInPlace: '',
    actionsTaken: '',
    lawEnforcementStatement: 'none',
    lawEnforcementStatementAt: null,
    lawEnforcementWrittenUntil: null,
    lawEnforcementHoldUntil: null,
    lawEnforcementOfficial: '',
    phiMayBeInvolved: true,
    reportedBy: null,
    closedAt: null,
    retainUntil: null,
    nextStatuses: ['contained', 'closed'],
    createdAt: '2026-11-20T13:00:00.000Z',
    ...overrides,
  };
}

describe('local date-times in the organization zone', () => {
  it('turns a local time into the instant in that zone and back', () => {
    expect(instantOfLocal('2026-11-20T08:15', 'America/New_York')).toBe('2026-11-20T13:15:00.000Z');
    expect(localOfInstant('2026-11-20T13:15:00.000Z', 'America/New_York')).toBe('2026-11-20T08:15');
  });

  it('reads an empty field as null and passes anything unreadable through for the contract to name', () => {
    expect(instantOfLocal('  ', 'UTC')).toBeNull();
    expect(instantOfLocal('yesterday', 'UTC')).toBe('yesterday');
  });
});

describe('recordOfRows', () => {
  it('upper-cases codes, skips empty ones and keeps unreadable counts for the contract', () => {
    expect(recordOfRows([{ key: 1, code: 'ny', count: '12' }, { key: 2, code: '', count: '5' }, { key: 3, code: 'CA', count: 'x' }])).toEqual({ NY: 12, CA: 'x' });
  });
});

describe('updateRequestOf', () => {
  it('sends nothing when nothing changed', () => {
    const initial = valuesOfIncident(buildIncident(), 'America/New_York');
    expect(updateRequestOf({ ...initial }, initial, 'America/New_York')).toEqual({});
  });

  it('sends only the changed fields, as the contract carries them', () => {
    const initial = valuesOfIncident(buildIncident(), 'America/New_York');
    const values = { ...initial, severity: 'high', discoveredAt: '2026-11-20T09:00', individualsTotal: '600', individualsByState: [...initial.individualsByState, { key: 9, code: 'NJ', count: '501' }] };
    expect(updateRequestOf(values, initial, 'America/New_York')).toEqual({
      severity: 'high',
      discoveredAt: '2026-11-20T14:00:00.000Z',
      individualsTotal: 600,
      individualsByState: { CA: 3, NY: 20, NJ: 501 },
    });
  });

  it('clears a field to null', () => {
    const initial = valuesOfIncident(buildIncident({ severity: 'low', handler: { id: ID, name: 'Pat' } }), 'UTC');
    expect(updateRequestOf({ ...initial, severity: '', handlerUserId: '' }, initial, 'UTC')).toEqual({ severity: null, handlerUserId: null });
  });
});
