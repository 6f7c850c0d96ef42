import { describe, expect, it } from 'vitest';
import { recordNotificationHref } from './clocks-tab.js';
import { draftFileName, draftTitle } from './drafts-card.js';
import { residentStates } from './drafts-tab.js';

describe('notification draft helpers', () => {
  it('offers the States with affected residents, most residents first', () => {
    expect(residentStates({ NJ: 90, NY: 510, CT: 0, PA: 90 })).toEqual([
      { code: 'NY', residents: 510 },
      { code: 'NJ', residents: 90 },
      { code: 'PA', residents: 90 },
    ]);
  });

  it('names a media notice by its State and its text file by ref, kind and State', () => {
    expect(draftTitle({ kind: 'media_notice', stateCode: 'NY' })).toBe('Notice to the media (164.406) — NY');
    expect(draftFileName('INC-0001', { kind: 'media_notice', stateCode: 'NY' })).toBe('INC-0001-media_notice-NY.txt');
    expect(draftFileName('INC-0001', { kind: 'hhs_notice', stateCode: null })).toBe('INC-0001-hhs_notice.txt');
  });

  it('links "Record notification" to the Communications tab with the obligation preselected', () => {
    expect(recordNotificationHref('/o/x/incidents/y', 'hipaa.media.NY')).toBe('/o/x/incidents/y?tab=communications&obligation=hipaa.media.NY');
  });
});
