import { describe, expect, it } from 'vitest';
import { changeLines } from './subject-history.js';

describe('changeLines', () => {
  const vocabulary = {
    fieldLabels: { owner: 'Owner', status: 'Status', dataCategories: 'Data categories', encryptedAtRest: 'Encrypted at rest', requirements: 'Requirements' },
    valueLabel: (key: string, value: unknown) => (key === 'status' ? ({ implemented: 'Implemented', planned: 'Planned' } as Record<string, string>)[String(value)] : undefined),
  };

  it('names each recorded change with the feature\'s labels, from → to', () => {
    expect(
      changeLines(
        {
          owner: { from: 'Biomed', to: 'Radiology' },
          status: { from: 'planned', to: 'implemented' },
          encryptedAtRest: { from: null, to: true },
          dataCategories: ['ephi', 'financial'],
          requirements: [{ id: 'iso27001-2022:A.8.13', name: 'A.8.13 Backups' }],
          note: '',
        },
        vocabulary,
      ),
    ).toEqual(['Owner: Biomed → Radiology', 'Status: Planned → Implemented', 'Encrypted at rest: Yes', 'Data categories: ephi, financial', 'Requirements: A.8.13 Backups', 'note: —']);
  });

  it('has nothing to say when nothing was recorded', () => {
    expect(changeLines(null, vocabulary)).toEqual([]);
  });
});
