import { describe, expect, it } from 'vitest';
import type { TIncident } from '../../../shared/contracts/incidents.js';
import { changeLines } from '../audit-log/subject-history.js';
import { incidentHistoryVocabulary } from './incident-history-tab.js';

describe('incident history vocabulary', () => {
  const incident = {
    id: '0190a000-0000-7000-8000-000000000001',
    assets: [{ id: '0190a000-0000-7000-8000-0000000000a1', name: 'PACS archive', type: 'application', handlesEphi: true }],
    handler: { id: '0190a000-0000-7000-8000-0000000000b1', name: 'Pia Privacy' },
    reportedBy: { id: '0190a000-0000-7000-8000-0000000000c1', name: 'Sam Staff' },
  } as unknown as TIncident;
  const vocabulary = incidentHistoryVocabulary(incident, [{ key: 'high', label: 'High', colour: '#c0392b', description: '' }]);

  it('names the changed fields, severities, people and systems as the incident page does', () => {
    const lines = changeLines(
      {
        ref: 'INC-0003',
        fields: ['severity', 'handlerUserId', 'individualsTotal', 'assetIds'],
        severity: { from: null, to: 'high' },
        handlerUserId: { from: null, to: '0190a000-0000-7000-8000-0000000000b1' },
        assetIds: { from: [], to: ['0190a000-0000-7000-8000-0000000000a1'] },
      },
      vocabulary,
    );
    expect(lines).toEqual([
      'Reference: INC-0003',
      'Fields changed: Severity, Handler, Individuals affected (total), Systems involved',
      'Severity: High',
      'Handler: Pia Privacy',
      'Systems involved: None → PACS archive',
    ]);
  });

  it('words a workflow move and a communication with their labels, and keeps unknown values as they are', () => {
    expect(changeLines({ from: 'triage', to: 'contained', reopened: false }, vocabulary)).toEqual(['From status: Triage', 'To status: Contained', 'Reopened: No']);
    const communication = changeLines({ recipient: 'hhs', channel: 'hhs_portal', obligationId: 'hipaa.hhs' }, vocabulary);
    expect(communication[2]).toBe('Obligation: hipaa.hhs');
    expect(communication[0]).toMatch(/^Recipient: (?!hhs$)/);
  });
});
