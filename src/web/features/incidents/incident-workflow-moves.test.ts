import { describe, expect, it } from 'vitest';
import { stepStates, workflowMoves } from './incident-workflow-moves.js';

describe('workflowMoves', () => {
  it('offers the later statuses the server allows, in workflow order', () => {
    expect(workflowMoves({ status: 'triage', nextStatuses: ['closed', 'contained', 'recovered'], archivedAt: null })).toEqual({ forward: ['contained', 'recovered', 'closed'], canReopen: false });
  });

  it('never offers a backward move as a forward one', () => {
    expect(workflowMoves({ status: 'recovered', nextStatuses: ['reported', 'closed'], archivedAt: null }).forward).toEqual(['closed']);
  });

  it('offers reopening a closed incident when the server allows triage', () => {
    expect(workflowMoves({ status: 'closed', nextStatuses: ['triage'], archivedAt: null })).toEqual({ forward: [], canReopen: true });
  });

  it('offers nothing on an archived incident', () => {
    expect(workflowMoves({ status: 'closed', nextStatuses: ['triage'], archivedAt: '2026-01-01T00:00:00Z' })).toEqual({ forward: [], canReopen: false });
  });
});

describe('stepStates', () => {
  it('marks earlier steps done, the status current and later ones to do', () => {
    expect(stepStates('contained').map((step) => step.state)).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
  });

  it('marks every step done and closed current when closed', () => {
    expect(stepStates('closed').map((step) => step.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'current']);
  });
});
