/** The breach-clock engine, rule by rule (45 CFR 164.404–164.412; GDPR Art. 33, 34), then as properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, computeBreachClock, endOfLocalDay, formatCivilDate, instantOfLocalDateTime, localDateOf, localDateTimeOf, startOfLocalDay } from './breach-clock.js';
import { US_JURISDICTIONS, ZBreachClockInput, ZBreachClockResult, type TBreachClockInputRequest, type TBreachObligation } from './contracts/breach-clock.js';

function buildInput(overrides: Partial<TBreachClockInputRequest> = {}): TBreachClockInputRequest {
  return {
    timezone: 'America/New_York',
    hipaaRole: 'covered_entity',
    gdprRole: 'controller',
    discoveredAt: '2026-05-04T14:00:00Z',
    awareAt: '2026-05-04T14:00:00Z',
    hipaaBreach: true,
    individuals: 10,
    residentsByState: {},
    gdprRisk: 'risk',
    ...overrides,
  };
}

function run(overrides: Partial<TBreachClockInputRequest> = {}): TBreachObligation[] {
  const parsed = ZBreachClockInput.parse(buildInput(overrides));
  const result = computeBreachClock(parsed);
  ZBreachClockResult.parse(result);
  return result.obligations;
}

function find(obligations: TBreachObligation[], id: string): TBreachObligation {
  const found = obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${obligations.map((o) => o.id).join(', ')}`);
  return found;
}

function ids(obligations: TBreachObligation[]): string[] {
  return obligations.map((o) => o.id);
}

/** The wall clock in a zone, e.g. "2026-03-30 11:00". */
function wall(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function issues(input: unknown): string[] {
  const parsed = ZBreachClockInput.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('calendar arithmetic in a zone', () => {
  it('adds calendar days across month ends and leap days', () => {
    expect(formatCivilDate(addCalendarDays({ year: 2027, month: 12, day: 31 }, 60))).toBe('2028-02-29');
    expect(formatCivilDate(addCalendarDays({ year: 2026, month: 12, day: 31 }, 60))).toBe('2027-03-01');
    expect(formatCivilDate(addCalendarDays({ year: 2028, month: 12, day: 31 }, 60))).toBe('2029-03-01');
    expect(formatCivilDate(addCalendarDays({ year: 2028, month: 1, day: 15 }, 60))).toBe('2028-03-15');
    expect(formatCivilDate(addCalendarDays({ year: 2027, month: 1, day: 15 }, 60))).toBe('2027-03-16');
  });

  it('ends a 23-hour and a 25-hour day at the last millisecond before the next local midnight', () => {
    expect(new Date(endOfLocalDay({ year: 2026, month: 3, day: 8 }, 'America/New_York')).toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(new Date(endOfLocalDay({ year: 2026, month: 3, day: 7 }, 'America/New_York')).toISOString()).toBe('2026-03-08T04:59:59.999Z');
    expect(new Date(endOfLocalDay({ year: 2026, month: 10, day: 25 }, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(startOfLocalDay({ year: 2026, month: 10, day: 26 }, 'Europe/Berlin') - startOfLocalDay({ year: 2026, month: 10, day: 25 }, 'Europe/Berlin')).toBe(25 * 3_600_000);
    expect(startOfLocalDay({ year: 2026, month: 3, day: 9 }, 'America/New_York') - startOfLocalDay({ year: 2026, month: 3, day: 8 }, 'America/New_York')).toBe(23 * 3_600_000);
  });

  it('reads a local date-time in a zone, taking the earlier of a repeated hour and stepping past a skipped one', () => {
    const at = (local: string, zone: string) => new Date(instantOfLocalDateTime(local, zone)!).toISOString();
    expect(at('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
    expect(at('2026-01-01T09:30', 'Europe/Berlin')).toBe('2026-01-01T08:30:00.000Z');
    expect(at('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOfLocalDateTime('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(instantOfLocalDateTime('yesterday', 'UTC')).toBeNull();
    expect(localDateTimeOf(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('holds for every day of a year in zones with DST at 02:00, at midnight, and none', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1971, 0, 1) / 86_400_000, max: Date.UTC(2198, 0, 1) / 86_400_000 }), (zone, dayNumber) => {
        const date = localDateOf(dayNumber * 86_400_000, 'UTC');
        const end = endOfLocalDay(date, zone);
        expect(formatCivilDate(localDateOf(end, zone))).toBe(formatCivilDate(date));
        expect(formatCivilDate(localDateOf(end + 1, zone))).toBe(formatCivilDate(addCalendarDays(date, 1)));
        const start = startOfLocalDay(date, zone);
        expect(formatCivilDate(localDateOf(start, zone))).toBe(formatCivilDate(date));
        expect(formatCivilDate(localDateOf(start - 1, zone))).toBe(formatCivilDate(addCalendarDays(date, -1)));
      }),
      { numRuns: 400 },
    );
  });
});

describe('HIPAA individual notice (164.404(b))', () => {
  it('is due at the end of the 60th calendar day after the discovery date in the organization\'s zone', () => {
    const individuals = find(run({ discoveredAt: '2026-05-04T14:00:00Z' }), 'hipaa.individuals');
    expect(individuals).toMatchObject({ required: true, cite: '45 CFR 164.404(b)', dueDate: '2026-07-03', dueAt: '2026-07-04T03:59:59.999Z' });
    expect(individuals.heldUntil).toBeUndefined();
  });

  it('takes the discovery date in the organization\'s zone, not in UTC', () => {
    // 03:00 UTC on 8 January is still 7 January in New York, and already 8 January in Berlin.
    expect(find(run({ discoveredAt: '2026-01-08T03:00:00Z' }), 'hipaa.individuals').dueDate).toBe('2026-03-08');
    expect(find(run({ timezone: 'Europe/Berlin', discoveredAt: '2026-01-08T03:00:00Z' }), 'hipaa.individuals').dueDate).toBe('2026-03-09');
  });

  it('ends the due day in local time across a daylight-saving change (New York spring, Berlin autumn)', () => {
    // Discovered in winter (EST), due on the day clocks go forward: 23:59:59.999 EDT.
    expect(find(run({ discoveredAt: '2026-01-07T15:00:00Z' }), 'hipaa.individuals')).toMatchObject({ dueDate: '2026-03-08', dueAt: '2026-03-09T03:59:59.999Z' });
    // Discovered in summer (CEST), due on the day clocks go back: 23:59:59.999 CET.
    expect(find(run({ timezone: 'Europe/Berlin', discoveredAt: '2026-08-26T10:00:00Z' }), 'hipaa.individuals')).toMatchObject({ dueDate: '2026-10-25', dueAt: '2026-10-25T22:59:59.999Z' });
  });

  it('counts 60 days through 29 February in a leap year', () => {
    expect(find(run({ discoveredAt: '2028-01-15T15:00:00Z' }), 'hipaa.individuals').dueDate).toBe('2028-03-15');
    expect(find(run({ discoveredAt: '2027-01-15T15:00:00Z' }), 'hipaa.individuals').dueDate).toBe('2027-03-16');
    expect(find(run({ discoveredAt: '2028-02-29T15:00:00Z' }), 'hipaa.individuals').dueDate).toBe('2028-04-29');
  });

  it('is listed as not required, with the reason, when no breach was determined', () => {
    const obligations = run({ hipaaBreach: false, residentsByState: { NY: 9 } });
    expect(ids(obligations).filter((id) => id.startsWith('hipaa.'))).toEqual(['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.media.NY']);
    for (const o of obligations.filter((x) => x.id.startsWith('hipaa.'))) {
      expect(o).toMatchObject({ required: false, dueAt: null, dueDate: null });
      expect(o.reason).toMatch(/hipaaBreach false/);
    }
  });
});

describe('HIPAA notice to HHS (164.408(b) and (c))', () => {
  it.each([
    [499, false],
    [500, true],
    [501, true],
  ])('with %i individuals, immediate notice is required: %s (and the annual log is the other one)', (count, isImmediate) => {
    const obligations = run({ individuals: count, discoveredAt: '2026-05-04T14:00:00Z' });
    const hhs = find(obligations, 'hipaa.hhs');
    const log = find(obligations, 'hipaa.hhs_annual_log');
    expect(hhs.required).toBe(isImmediate);
    expect(log.required).toBe(!isImmediate);
    if (isImmediate) {
      expect(hhs).toMatchObject({ cite: '45 CFR 164.408(b)', dueDate: find(obligations, 'hipaa.individuals').dueDate, dueAt: find(obligations, 'hipaa.individuals').dueAt });
      expect(log).toMatchObject({ dueAt: null, dueDate: null });
      expect(log.reason).toMatch(/500 or more/);
    } else {
      expect(log).toMatchObject({ cite: '45 CFR 164.408(c)', dueDate: '2027-03-01', dueAt: '2027-03-02T04:59:59.999Z' });
      expect(hhs).toMatchObject({ dueAt: null, dueDate: null });
      expect(hhs.reason).toMatch(/fewer than 500/);
    }
  });

  it('rolls the annual log over: discovered 31 December 2027 → 29 February 2028 (leap), 31 December 2026 → 1 March 2027', () => {
    expect(find(run({ discoveredAt: '2027-12-31T17:00:00Z' }), 'hipaa.hhs_annual_log')).toMatchObject({ dueDate: '2028-02-29', dueAt: '2028-03-01T04:59:59.999Z' });
    expect(find(run({ discoveredAt: '2026-12-31T17:00:00Z' }), 'hipaa.hhs_annual_log')).toMatchObject({ dueDate: '2027-03-01', dueAt: '2027-03-02T04:59:59.999Z' });
    // Discovered in a leap year: 60 days after 31 December 2028 is 1 March 2029.
    expect(find(run({ discoveredAt: '2028-02-29T17:00:00Z' }), 'hipaa.hhs_annual_log').dueDate).toBe('2029-03-01');
  });

  it('takes the calendar year of discovery in the organization\'s zone (New Year\'s Eve in New York is already 1 January in UTC)', () => {
    expect(find(run({ discoveredAt: '2027-01-01T03:00:00Z' }), 'hipaa.hhs_annual_log').dueDate).toBe('2027-03-01');
    expect(find(run({ timezone: 'UTC', discoveredAt: '2027-01-01T03:00:00Z' }), 'hipaa.hhs_annual_log').dueDate).toBe('2028-02-29');
  });
});

describe('HIPAA notice to the media (164.406)', () => {
  it('is required for a State with more than 500 residents, not for exactly 500, with an entry for every State given', () => {
    const obligations = run({ individuals: 1200, residentsByState: { NY: 501, NJ: 500, PR: 3, DC: 0 } });
    expect(ids(obligations).filter((id) => id.startsWith('hipaa.media.'))).toEqual(['hipaa.media.DC', 'hipaa.media.NJ', 'hipaa.media.NY', 'hipaa.media.PR']);
    expect(find(obligations, 'hipaa.media.NY')).toMatchObject({ required: true, cite: '45 CFR 164.406', dueDate: find(obligations, 'hipaa.individuals').dueDate });
    expect(find(obligations, 'hipaa.media.NJ')).toMatchObject({ required: false, dueAt: null });
    expect(find(obligations, 'hipaa.media.NJ').reason).toMatch(/500 residents of NJ.*not more than 500/);
  });

  it('needs no media notice when 600 people are spread 200/200/200, but HHS is notified within 60 days', () => {
    const obligations = run({ individuals: 600, residentsByState: { NY: 200, NJ: 200, CT: 200 } });
    expect(obligations.filter((o) => o.id.startsWith('hipaa.media.') && o.required)).toEqual([]);
    expect(find(obligations, 'hipaa.hhs').required).toBe(true);
  });
});

describe('HIPAA business associate → covered entity (164.410(b))', () => {
  it('is due 60 days after discovery without an agreed period', () => {
    const obligations = run({ hipaaRole: 'business_associate', discoveredAt: '2026-05-04T14:00:00Z', individuals: 12000, residentsByState: { NY: 9000 } });
    expect(find(obligations, 'hipaa.ba_to_ce')).toMatchObject({ required: true, cite: '45 CFR 164.410(b)', dueDate: '2026-07-03', dueAt: '2026-07-04T03:59:59.999Z' });
  });

  it('is due after the shorter period agreed in the business associate agreement', () => {
    const ba = find(run({ hipaaRole: 'business_associate', discoveredAt: '2026-05-04T14:00:00Z', baNoticeDays: 10 }), 'hipaa.ba_to_ce');
    expect(ba).toMatchObject({ required: true, dueDate: '2026-05-14', dueAt: '2026-05-15T03:59:59.999Z' });
    expect(ba.cite).toMatch(/^45 CFR 164\.410\(b\)/);
    expect(ba.reason).toMatch(/10 days agreed/);
    expect(find(run({ hipaaRole: 'business_associate', baNoticeDays: 60 }), 'hipaa.ba_to_ce').cite).toBe('45 CFR 164.410(b)');
  });

  it('lists the individual, HHS and media notices as the covered entity\'s duty, not required', () => {
    const obligations = run({ hipaaRole: 'business_associate', individuals: 12000, residentsByState: { NY: 9000 } });
    expect(ids(obligations).filter((id) => id.startsWith('hipaa.'))).toEqual(['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.media.NY', 'hipaa.ba_to_ce']);
    for (const id of ['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.media.NY']) {
      expect(find(obligations, id)).toMatchObject({ required: false, dueAt: null });
      expect(find(obligations, id).reason).toMatch(/duty of the covered entity/);
    }
  });

  it('is not required when no breach was determined, and a covered entity has no such obligation', () => {
    expect(find(run({ hipaaRole: 'business_associate', hipaaBreach: false }), 'hipaa.ba_to_ce')).toMatchObject({ required: false, dueAt: null });
    expect(ids(run())).not.toContain('hipaa.ba_to_ce');
  });
});

describe('law-enforcement delay (164.412)', () => {
  it('keeps the original due date when the hold ends before it, and says the notice was held', () => {
    const obligations = run({ discoveredAt: '2026-05-04T14:00:00Z', individuals: 800, residentsByState: { NY: 700 }, lawEnforcementHoldUntil: '2026-06-01T16:00:00Z' });
    for (const id of ['hipaa.individuals', 'hipaa.hhs', 'hipaa.media.NY']) {
      expect(find(obligations, id)).toMatchObject({ dueDate: '2026-07-03', dueAt: '2026-07-04T03:59:59.999Z', heldUntil: '2026-06-01T16:00:00.000Z' });
      expect(find(obligations, id).reason).toMatch(/164\.412/);
    }
  });

  it('moves the due instant to the end of the hold when the hold ends after the original due date', () => {
    const obligations = run({ discoveredAt: '2026-05-04T14:00:00Z', individuals: 800, lawEnforcementHoldUntil: '2026-08-20T02:30:00Z' });
    // 02:30 UTC on 20 August is 19 August in New York.
    expect(find(obligations, 'hipaa.individuals')).toMatchObject({ dueAt: '2026-08-20T02:30:00.000Z', dueDate: '2026-08-19', heldUntil: '2026-08-20T02:30:00.000Z' });
    expect(find(obligations, 'hipaa.hhs')).toMatchObject({ dueAt: '2026-08-20T02:30:00.000Z' });
  });

  it('holds the business associate\'s notice and the annual log too, but not the GDPR clocks or notices not required', () => {
    const ba = find(run({ hipaaRole: 'business_associate', baNoticeDays: 5, discoveredAt: '2026-05-04T14:00:00Z', lawEnforcementHoldUntil: '2026-05-30T12:00:00Z' }), 'hipaa.ba_to_ce');
    expect(ba).toMatchObject({ dueAt: '2026-05-30T12:00:00.000Z', heldUntil: '2026-05-30T12:00:00.000Z' });
    const obligations = run({ discoveredAt: '2026-12-20T14:00:00Z', individuals: 3, lawEnforcementHoldUntil: '2027-04-01T12:00:00Z' });
    expect(find(obligations, 'hipaa.hhs_annual_log')).toMatchObject({ dueAt: '2027-04-01T12:00:00.000Z', dueDate: '2027-04-01' });
    expect(find(obligations, 'hipaa.hhs').heldUntil).toBeUndefined();
    expect(find(obligations, 'gdpr.supervisory_authority').heldUntil).toBeUndefined();
  });
});

describe('GDPR supervisory authority (Art. 33(1))', () => {
  it.each([
    ['Europe/Berlin', 'spring forward', '2026-03-27T09:00:00Z', '2026-03-30T09:00:00.000Z', '2026-03-27 10:00', '2026-03-30 11:00'],
    ['Europe/Berlin', 'fall back', '2026-10-23T08:00:00Z', '2026-10-26T08:00:00.000Z', '2026-10-23 10:00', '2026-10-26 09:00'],
    ['America/New_York', 'spring forward', '2026-03-06T17:00:00Z', '2026-03-09T17:00:00.000Z', '2026-03-06 12:00', '2026-03-09 13:00'],
    ['America/New_York', 'fall back', '2026-10-30T16:00:00Z', '2026-11-02T16:00:00.000Z', '2026-10-30 12:00', '2026-11-02 11:00'],
  ])('counts 72 exact hours across %s\'s %s (the wall clock shifts by an hour)', (timezone, _change, awareAt, dueAt, wallAware, wallDue) => {
    const sa = find(run({ timezone, awareAt }), 'gdpr.supervisory_authority');
    expect(sa).toMatchObject({ required: true, cite: 'GDPR Art. 33(1)', dueAt, dueDate: wallDue.slice(0, 10) });
    expect(Date.parse(sa.dueAt!) - Date.parse(awareAt)).toBe(72 * 3_600_000);
    expect(wall(awareAt, timezone)).toBe(wallAware);
    expect(wall(sa.dueAt!, timezone)).toBe(wallDue);
  });

  it('accepts an instant with an offset and answers in UTC', () => {
    expect(find(run({ awareAt: '2026-05-04T10:15:30.250+02:00' }), 'gdpr.supervisory_authority').dueAt).toBe('2026-05-07T08:15:30.250Z');
  });

  it.each([
    ['none', false, false],
    ['risk', true, false],
    ['high', true, true],
  ] as const)('for a controller with risk %s: authority required %s, data subjects required %s', (gdprRisk, isAuthority, isSubjects) => {
    const obligations = run({ gdprRisk });
    expect(find(obligations, 'gdpr.supervisory_authority').required).toBe(isAuthority);
    expect(find(obligations, 'gdpr.data_subjects')).toMatchObject({ required: isSubjects, cite: 'GDPR Art. 34(1)', dueAt: null, dueDate: null });
    expect(ids(obligations)).not.toContain('gdpr.processor_to_controller');
    if (!isAuthority) expect(find(obligations, 'gdpr.supervisory_authority').reason).toMatch(/unlikely to result in a risk/);
    if (isSubjects) expect(find(obligations, 'gdpr.data_subjects').reason).toMatch(/without undue delay/);
  });
});

describe('GDPR processor → controller (Art. 33(2))', () => {
  it.each(['none', 'risk', 'high'] as const)('is required of a processor whatever the risk (%s), with no fixed hours', (gdprRisk) => {
    const obligations = run({ gdprRole: 'processor', gdprRisk });
    expect(find(obligations, 'gdpr.processor_to_controller')).toMatchObject({ required: true, cite: 'GDPR Art. 33(2)', dueAt: null, dueDate: null });
    expect(find(obligations, 'gdpr.processor_to_controller').reason).toMatch(/without undue delay/);
    expect(find(obligations, 'gdpr.supervisory_authority')).toMatchObject({ required: false, dueAt: null });
    expect(find(obligations, 'gdpr.data_subjects')).toMatchObject({ required: false });
    expect(find(obligations, 'gdpr.supervisory_authority').reason).toMatch(/duty of the controller/);
  });

  it('lists nothing for GDPR when the organization has no GDPR role, and nothing for HIPAA without a HIPAA role', () => {
    expect(ids(run({ gdprRole: 'none', awareAt: undefined })).some((id) => id.startsWith('gdpr.'))).toBe(false);
    expect(ids(run({ hipaaRole: 'none', discoveredAt: undefined }))).toEqual(['gdpr.supervisory_authority', 'gdpr.data_subjects']);
  });
});

describe('input validation (field: problem)', () => {
  it('accepts a complete valid input and defaults residentsByState', () => {
    const { residentsByState: _omit, ...rest } = buildInput();
    expect(issues(rest)).toEqual([]);
  });

  it('names each bad field', () => {
    expect(issues(buildInput({ timezone: 'Mars/Olympus_Mons' }))).toEqual(['timezone: must be an IANA time zone, e.g. America/New_York']);
    expect(issues(buildInput({ timezone: '+01:00' }))).toEqual(['timezone: must be an IANA time zone, e.g. America/New_York']);
    expect(issues(buildInput({ individuals: 10, residentsByState: { NY: 6, NJ: 5 } }))).toEqual(['residentsByState: adds up to 11, more than individuals (10)']);
    expect(issues(buildInput({ residentsByState: { ny: 1 } }))[0]).toMatch(/^residentsByState\.ny: is not a US state or territory code/);
    expect(issues(buildInput({ residentsByState: { XX: 1 } }))[0]).toMatch(/^residentsByState\.XX: /);
    expect(issues(buildInput({ residentsByState: { NY: -1 } }))[0]).toMatch(/^residentsByState\.NY: /);
    expect(issues(buildInput({ baNoticeDays: 10 }))).toEqual(['baNoticeDays: applies only when hipaaRole is business_associate (164.410)']);
    expect(issues(buildInput({ hipaaRole: 'business_associate', baNoticeDays: 61 }))).toEqual(['baNoticeDays: must be a whole number from 1 to 60']);
    expect(issues(buildInput({ hipaaRole: 'business_associate', baNoticeDays: 0 }))).toEqual(['baNoticeDays: must be a whole number from 1 to 60']);
    expect(issues(buildInput({ discoveredAt: '2026-02-30T10:00:00Z' }))[0]).toMatch(/^discoveredAt: /);
    expect(issues(buildInput({ discoveredAt: undefined }))[0]).toMatch(/^discoveredAt: is required/);
    expect(issues(buildInput({ awareAt: undefined }))[0]).toMatch(/^awareAt: is required/);
    expect(issues(buildInput({ individuals: 1.5 }))[0]).toMatch(/^individuals: /);
    expect(issues(buildInput({ gdprRisk: 'medium' as never }))[0]).toMatch(/^gdprRisk: /);
    expect(issues(buildInput({ lawEnforcementHoldUntil: '2026-01-01T00:00:00Z' }))).toEqual(['lawEnforcementHoldUntil: must be after discoveredAt']);
    expect(issues(buildInput({ hipaaRole: 'none', lawEnforcementHoldUntil: '2027-01-01T00:00:00Z' }))[0]).toMatch(/^lawEnforcementHoldUntil: applies only to HIPAA/);
    expect(issues(buildInput({ discoveredAt: '2300-01-01T00:00:00Z' }))[0]).toMatch(/^discoveredAt: must be between/);
    expect(issues({ ...buildInput(), extra: 1 }).length).toBe(1);
  });

  it('accepts every US state and territory code, including DC, PR, VI, GU, AS and MP', () => {
    expect(US_JURISDICTIONS).toHaveLength(56);
    expect(issues(buildInput({ individuals: 56, residentsByState: Object.fromEntries(US_JURISDICTIONS.map((s) => [s, 1])) }))).toEqual([]);
  });
});

describe('properties', () => {
  const zones = ['America/New_York', 'America/Los_Angeles', 'America/Chicago', 'Pacific/Honolulu', 'America/Puerto_Rico', 'Europe/Berlin', 'Europe/London', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];
  const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2199, 0, 1) }).map((ms) => new Date(ms).toISOString());
  const validInput = fc
    .record({
      timezone: fc.constantFrom(...zones),
      hipaaRole: fc.constantFrom('covered_entity', 'business_associate', 'none'),
      gdprRole: fc.constantFrom('controller', 'processor', 'none'),
      discoveredAt: instant,
      awareAt: instant,
      hipaaBreach: fc.boolean(),
      counts: fc.dictionary(fc.constantFrom(...US_JURISDICTIONS), fc.integer({ min: 0, max: 1500 }), { maxKeys: 6 }),
      extra: fc.integer({ min: 0, max: 2000 }),
      gdprRisk: fc.constantFrom('none', 'risk', 'high'),
      baNoticeDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      holdDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    })
    .map((r) => {
      const residents = Object.values(r.counts).reduce((a, b) => a + b, 0);
      const isHipaa = r.hipaaRole !== 'none';
      const hold = r.holdDays !== undefined && isHipaa ? new Date(Date.parse(r.discoveredAt) + r.holdDays * 86_400_000 - 3_600_000).toISOString() : undefined;
      return {
        timezone: r.timezone,
        hipaaRole: r.hipaaRole,
        gdprRole: r.gdprRole,
        discoveredAt: r.discoveredAt,
        awareAt: r.awareAt,
        hipaaBreach: r.hipaaBreach,
        individuals: residents + r.extra,
        residentsByState: isHipaa ? r.counts : {},
        gdprRisk: r.gdprRisk,
        ...(r.hipaaRole === 'business_associate' && r.baNoticeDays !== undefined ? { baNoticeDays: r.baNoticeDays } : {}),
        ...(hold && Date.parse(hold) <= Date.parse('2199-12-31T23:59:59.999Z') && Date.parse(hold) > Date.parse(r.discoveredAt) ? { lawEnforcementHoldUntil: hold } : {}),
      } as TBreachClockInputRequest;
    });

  it('answers valid inputs with a valid result whose due instants are never before the clock starts', () => {
    fc.assert(
      fc.property(validInput, (raw) => {
        const input = ZBreachClockInput.parse(raw);
        const { obligations } = ZBreachClockResult.parse(computeBreachClock(input));
        for (const o of obligations) {
          expect(o.dueAt === null).toBe(o.dueDate === null);
          if (!o.required) expect(o.dueAt).toBeNull();
          if (o.heldUntil !== undefined) expect(o.required && o.id.startsWith('hipaa.')).toBe(true);
          if (o.dueAt === null) continue;
          expect(o.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(formatCivilDate(localDateOf(Date.parse(o.dueAt), input.timezone))).toBe(o.dueDate);
          const start = o.id.startsWith('hipaa.') ? input.discoveredAt! : input.awareAt!;
          expect(Date.parse(o.dueAt)).toBeGreaterThan(Date.parse(start));
          if (o.heldUntil !== undefined) expect(Date.parse(o.dueAt)).toBeGreaterThanOrEqual(Date.parse(o.heldUntil));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('requires exactly one of immediate HHS notice and the annual log for a covered entity\'s breach, never both', () => {
    fc.assert(
      fc.property(validInput, (raw) => {
        const input = ZBreachClockInput.parse(raw);
        const { obligations } = computeBreachClock(input);
        if (input.hipaaRole === 'none') return;
        const hhs = find(obligations, 'hipaa.hhs').required;
        const log = find(obligations, 'hipaa.hhs_annual_log').required;
        expect(hhs && log).toBe(false);
        expect(hhs || log).toBe(input.hipaaRole === 'covered_entity' && input.hipaaBreach);
        if (hhs || log) expect(hhs).toBe(input.individuals >= 500);
      }),
      { numRuns: 500 },
    );
  });

  it('lists one media entry per State given, required exactly when a covered entity\'s breach reaches more than 500 residents', () => {
    fc.assert(
      fc.property(validInput, (raw) => {
        const input = ZBreachClockInput.parse(raw);
        const { obligations } = computeBreachClock(input);
        const media = obligations.filter((o) => o.id.startsWith('hipaa.media.'));
        expect(media.map((o) => o.id.slice('hipaa.media.'.length)).sort()).toEqual(input.hipaaRole === 'none' ? [] : Object.keys(input.residentsByState).sort());
        for (const o of media) {
          const state = o.id.slice('hipaa.media.'.length);
          expect(o.required).toBe(input.hipaaRole === 'covered_entity' && input.hipaaBreach && input.residentsByState[state]! > 500);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('puts a day-based due instant at the end of its local day, and the unheld 60-day notices 60 days after the discovery date', () => {
    fc.assert(
      fc.property(validInput, (raw) => {
        const input = ZBreachClockInput.parse(raw);
        const { obligations } = computeBreachClock(input);
        const individuals = obligations.find((o) => o.id === 'hipaa.individuals' && o.required && o.heldUntil === undefined);
        if (!individuals) return;
        const discovery = localDateOf(Date.parse(input.discoveredAt!), input.timezone);
        expect(individuals.dueDate).toBe(formatCivilDate(addCalendarDays(discovery, 60)));
        expect(formatCivilDate(localDateOf(Date.parse(individuals.dueAt!) + 1, input.timezone))).toBe(formatCivilDate(addCalendarDays(discovery, 61)));
      }),
      { numRuns: 300 },
    );
  });

  it('lists the SA deadline exactly 72 hours after awareness for a controller at risk', () => {
    fc.assert(
      fc.property(validInput, (raw) => {
        const input = ZBreachClockInput.parse(raw);
        const sa = computeBreachClock(input).obligations.find((o) => o.id === 'gdpr.supervisory_authority');
        if (!sa?.required) return;
        expect(Date.parse(sa.dueAt!) - Date.parse(input.awareAt!)).toBe(72 * 3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});
