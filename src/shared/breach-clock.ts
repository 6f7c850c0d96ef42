/**
 * The breach-clock deadline engine (issue 6 item 3): from the organization's roles, the instants, the
 * counts and the determinations, every notification obligation with its rule, citation and due instant.
 * HIPAA Breach Notification Rule, 45 CFR 164.404–164.412; GDPR Art. 33 and 34. ADR 0014.
 *
 * Pure: no I/O and no reading of the clock, so the API, the CLI and the web countdown share it and a
 * test can pin every edge. Rules and our interpretations (docs/domain.md, "Breach clock"):
 * - Day-based deadlines are calendar days in the organization's time zone: the discovery date is taken
 *   in that zone, the due date is that date plus the days, and the due instant is the end of the due
 *   date there (the last millisecond before the next local midnight, so daylight saving never moves it).
 * - The annual HHS log (164.408(c)) is due 60 days after 31 December of the discovery year.
 * - The GDPR 72 hours (Art. 33(1)) are exact elapsed hours from awareness, whatever the wall clock does.
 * - "Without undue delay" (Art. 33(2), 34(1)) has no fixed time: dueAt and dueDate are null.
 * - A law-enforcement delay (164.412) holds every required HIPAA notice: heldUntil is the end of the
 *   hold and the due instant is the later of the original one and the end of the hold.
 * - A business associate's individual, HHS and media notices are the covered entity's duty (listed, not
 *   required); likewise a processor's supervisory-authority and data-subject notices are the controller's.
 * - Not-required obligations carry no due instant.
 * The input is assumed valid (`ZBreachClockInput`).
 */
import type { TBreachClockInput, TBreachClockResult, TBreachObligation } from './contracts/breach-clock.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** 164.404(b), 164.406(b), 164.408(b) (with 164.404), 164.410(b): "no later than 60 calendar days after discovery". */
export const HIPAA_OUTER_LIMIT_DAYS = 60;
/** 164.408(c): "not later than 60 days after the end of each calendar year". */
export const HHS_LOG_DAYS_AFTER_YEAR_END = 60;
/** 164.408(b): "500 or more individuals" (in total). */
export const HHS_IMMEDIATE_THRESHOLD = 500;
/** 164.406(a): "more than 500 residents of a State or jurisdiction" (per State). */
export const MEDIA_THRESHOLD = 500;
/** Art. 33(1): "not later than 72 hours after having become aware of it". */
export const GDPR_SA_HOURS = 72;

// ---------------------------------------------------------------------------------------------------
// Calendar arithmetic in an IANA zone, with Intl only (no date library).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock reading at an instant, as milliseconds "as if UTC" (whole seconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant, in ms (e.g. +3,600,000 for CET). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const seconds = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(seconds, timeZone) - seconds;
}

/** The calendar date in the zone at an instant. */
export function localDateOf(instantMs: number, timeZone: string): CivilDate {
  const wall = new Date(instantMs + zoneOffsetMs(instantMs, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function formatCivilDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Date.UTC normalises overflowing days, so 31 Dec + 60 lands on 1 Mar or, in a leap year, 29 Feb. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * The instant at which the zone's wall clock reads `wallMs` (a local date-time written "as if UTC").
 * The offsets a day either side cover any daylight-saving change near it. A reading that happens twice
 * (clocks go back) gives the earlier instant; one that never happens (clocks go forward) is read in the
 * offset before the change, so it lands just after the gap — as Temporal's "compatible" disambiguation.
 */
export function instantOfWallTime(wallMs: number, timeZone: string): number {
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const candidates = [...new Set([wallMs - before, wallMs - after])].filter((t) => t + zoneOffsetMs(t, timeZone) === wallMs).sort((a, b) => a - b);
  return candidates[0] ?? wallMs - before;
}

/**
 * The first instant of a local date: local midnight, or, where midnight does not exist (a zone that
 * springs forward at 00:00), the moment of the change.
 */
export function startOfLocalDay(date: CivilDate, timeZone: string): number {
  return instantOfWallTime(Date.UTC(date.year, date.month - 1, date.day), timeZone);
}

/** A local date-time as `<input type="datetime-local">` writes it ("2026-03-29T02:30") → the instant, or null if malformed. */
export function instantOfLocalDateTime(local: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return instantOfWallTime(wall, timeZone);
}

/** The zone's wall clock at an instant as `<input type="datetime-local">` reads it ("2026-03-29T03:30"). */
export function localDateTimeOf(instantMs: number, timeZone: string): string {
  return new Date(instantMs + zoneOffsetMs(instantMs, timeZone)).toISOString().slice(0, 16);
}

/** The end of a local date: the last millisecond before the next local day starts (23:59:59.999 there). */
export function endOfLocalDay(date: CivilDate, timeZone: string): number {
  return startOfLocalDay(addCalendarDays(date, 1), timeZone) - 1;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Obligations.

interface Due {
  dueAt: string;
  dueDate: string;
  heldUntil?: string;
}

interface Clock {
  timeZone: string;
  discoveryDate: CivilDate | null;
  holdUntilMs: number | null;
}

/** A day-based HIPAA due date, then the 164.412 hold: the later of the two instants. */
function hipaaDue(clock: Clock, dueDate: CivilDate): Due {
  const originalMs = endOfLocalDay(dueDate, clock.timeZone);
  if (clock.holdUntilMs === null) return { dueAt: iso(originalMs), dueDate: formatCivilDate(dueDate) };
  const dueMs = Math.max(originalMs, clock.holdUntilMs);
  return { dueAt: iso(dueMs), dueDate: formatCivilDate(localDateOf(dueMs, clock.timeZone)), heldUntil: iso(clock.holdUntilMs) };
}

function notDue(): { dueAt: null; dueDate: null } {
  return { dueAt: null, dueDate: null };
}

const HOLD_NOTE = ' Held by a law-enforcement delay (164.412): due at the later of the original due date and the end of the hold.';

function withHold(reason: string, due: Due): string {
  return due.heldUntil ? `${reason}${HOLD_NOTE}` : reason;
}

const NO_BREACH = 'No breach of unsecured PHI was determined (hipaaBreach false), so no HIPAA notice is due; keep the assessment or exception on file (164.414(b), 164.530(j)).';
const CE_DUTY = 'A duty of the covered entity, not of the business associate: the business associate informs the covered entity (hipaa.ba_to_ce, 164.410(c)), unless the agreement delegates the notice.';

function coveredEntityObligations(input: TBreachClockInput, clock: Clock): TBreachObligation[] {
  const isBusinessAssociate = input.hipaaRole === 'business_associate';
  const isBreach = input.hipaaBreach;
  const sixtyDays = clock.discoveryDate ? addCalendarDays(clock.discoveryDate, HIPAA_OUTER_LIMIT_DAYS) : null;
  const required = !isBusinessAssociate && isBreach && sixtyDays !== null;
  const notRequiredReason = isBusinessAssociate ? CE_DUTY : NO_BREACH;
  const obligations: TBreachObligation[] = [];

  const individualsRule = 'Notify each affected individual without unreasonable delay and no later than 60 calendar days after discovery';
  if (required) {
    const due = hipaaDue(clock, sixtyDays);
    obligations.push({ id: 'hipaa.individuals', rule: individualsRule, cite: '45 CFR 164.404(b)', required: true, ...due, reason: withHold(`Every breach of unsecured PHI (164.404(a)); discovery date ${formatCivilDate(clock.discoveryDate!)} + 60 calendar days.`, due) });
  } else {
    obligations.push({ id: 'hipaa.individuals', rule: individualsRule, cite: '45 CFR 164.404(b)', required: false, ...notDue(), reason: notRequiredReason });
  }

  const isLarge = input.individuals >= HHS_IMMEDIATE_THRESHOLD;
  const hhsRule = 'Notify the Secretary of HHS contemporaneously with the individual notice (500 or more individuals)';
  if (required && isLarge) {
    const due = hipaaDue(clock, sixtyDays);
    obligations.push({ id: 'hipaa.hhs', rule: hhsRule, cite: '45 CFR 164.408(b)', required: true, ...due, reason: withHold(`${input.individuals} individuals affected: 500 or more, so HHS is notified with the individual notice, within the same 60 days.`, due) });
  } else {
    const reason = required ? `${input.individuals} individuals affected: fewer than 500, so the breach goes to the annual log instead (hipaa.hhs_annual_log).` : notRequiredReason;
    obligations.push({ id: 'hipaa.hhs', rule: hhsRule, cite: '45 CFR 164.408(b)', required: false, ...notDue(), reason });
  }

  const logRule = 'Log the breach and notify the Secretary of HHS no later than 60 days after the end of the calendar year of discovery (fewer than 500 individuals)';
  if (required && !isLarge) {
    const yearEnd: CivilDate = { year: clock.discoveryDate!.year, month: 12, day: 31 };
    const due = hipaaDue(clock, addCalendarDays(yearEnd, HHS_LOG_DAYS_AFTER_YEAR_END));
    obligations.push({ id: 'hipaa.hhs_annual_log', rule: logRule, cite: '45 CFR 164.408(c)', required: true, ...due, reason: withHold(`${input.individuals} individuals affected: fewer than 500; discovered in ${clock.discoveryDate!.year}, so due 60 days after 31 December ${clock.discoveryDate!.year}.`, due) });
  } else {
    const reason = required ? `${input.individuals} individuals affected: 500 or more, so HHS is notified now (hipaa.hhs), not through the annual log.` : notRequiredReason;
    obligations.push({ id: 'hipaa.hhs_annual_log', rule: logRule, cite: '45 CFR 164.408(c)', required: false, ...notDue(), reason });
  }

  const states = Object.keys(input.residentsByState).sort();
  for (const state of states) {
    const residents = input.residentsByState[state]!;
    const id = `hipaa.media.${state}`;
    const rule = `Notify prominent media outlets serving ${state} without unreasonable delay and no later than 60 calendar days after discovery (more than 500 residents)`;
    if (required && residents > MEDIA_THRESHOLD) {
      const due = hipaaDue(clock, sixtyDays);
      obligations.push({ id, rule, cite: '45 CFR 164.406', required: true, ...due, reason: withHold(`${residents} residents of ${state} affected: more than 500.`, due) });
    } else {
      const reason = required ? `${residents} residents of ${state} affected: not more than 500, the threshold of 164.406(a).` : notRequiredReason;
      obligations.push({ id, rule, cite: '45 CFR 164.406', required: false, ...notDue(), reason });
    }
  }
  return obligations;
}

function businessAssociateObligation(input: TBreachClockInput, clock: Clock): TBreachObligation {
  const days = input.baNoticeDays ?? HIPAA_OUTER_LIMIT_DAYS;
  const isShorter = days < HIPAA_OUTER_LIMIT_DAYS;
  const rule = isShorter
    ? `Notify the covered entity within ${days} calendar days after discovery, as the business associate agreement sets (the rule's outer limit is 60)`
    : 'Notify the covered entity without unreasonable delay and no later than 60 calendar days after discovery';
  const cite = isShorter ? '45 CFR 164.410(b); 164.504(e)(2)(ii)(C)' : '45 CFR 164.410(b)';
  if (!input.hipaaBreach || !clock.discoveryDate) return { id: 'hipaa.ba_to_ce', rule, cite, required: false, ...notDue(), reason: NO_BREACH };
  const due = hipaaDue(clock, addCalendarDays(clock.discoveryDate, days));
  const period = isShorter ? `the ${days} days agreed in the business associate agreement, shorter than the 60 of 164.410(b)` : '60 calendar days (164.410(b))';
  return { id: 'hipaa.ba_to_ce', rule, cite, required: true, ...due, reason: withHold(`Breach of unsecured PHI at the business associate; discovery date ${formatCivilDate(clock.discoveryDate)} + ${period}. Include each affected individual's identity and what the covered entity needs for 164.404(c) (164.410(c)).`, due) };
}

function gdprObligations(input: TBreachClockInput): TBreachObligation[] {
  const isProcessor = input.gdprRole === 'processor';
  const obligations: TBreachObligation[] = [];
  const controllerDuty = 'A duty of the controller, not of the processor: the processor notifies the controller (gdpr.processor_to_controller) and assists it (Art. 28(3)(f)).';

  const saRule = 'Notify the competent supervisory authority without undue delay and, where feasible, no later than 72 hours after becoming aware';
  if (isProcessor) {
    obligations.push({ id: 'gdpr.supervisory_authority', rule: saRule, cite: 'GDPR Art. 33(1)', required: false, ...notDue(), reason: controllerDuty });
  } else if (input.gdprRisk === 'none') {
    obligations.push({ id: 'gdpr.supervisory_authority', rule: saRule, cite: 'GDPR Art. 33(1)', required: false, ...notDue(), reason: 'Assessed as unlikely to result in a risk to the rights and freedoms of natural persons, so no notification; document the breach all the same (Art. 33(5)).' });
  } else {
    const dueMs = Date.parse(input.awareAt!) + GDPR_SA_HOURS * HOUR_MS;
    obligations.push({ id: 'gdpr.supervisory_authority', rule: saRule, cite: 'GDPR Art. 33(1)', required: true, dueAt: iso(dueMs), dueDate: formatCivilDate(localDateOf(dueMs, input.timezone)), reason: `Assessed as ${input.gdprRisk === 'high' ? 'a high risk' : 'a risk'}: awareness + 72 elapsed hours. A later notification must give the reasons for the delay (Art. 33(1)); it may come in phases (Art. 33(4)).` });
  }

  if (isProcessor) {
    obligations.push({ id: 'gdpr.processor_to_controller', rule: 'Notify the controller without undue delay after becoming aware', cite: 'GDPR Art. 33(2)', required: true, dueAt: null, dueDate: null, reason: `Required of every processor, whatever the risk. The Regulation sets no hours ("without undue delay"), so there is no due instant; a processing agreement may set one (Art. 28(3)(f)). Aware at ${iso(Date.parse(input.awareAt!))}.` });
  }

  const dsRule = 'Communicate the breach to the data subjects without undue delay (likely high risk)';
  if (isProcessor) {
    obligations.push({ id: 'gdpr.data_subjects', rule: dsRule, cite: 'GDPR Art. 34(1)', required: false, ...notDue(), reason: controllerDuty });
  } else if (input.gdprRisk === 'high') {
    obligations.push({ id: 'gdpr.data_subjects', rule: dsRule, cite: 'GDPR Art. 34(1)', required: true, dueAt: null, dueDate: null, reason: 'Assessed as likely to result in a high risk. The Regulation sets no hours ("without undue delay"), so there is no due instant; not required if an Art. 34(3) condition is met (e.g. the data were encrypted).' });
  } else {
    obligations.push({ id: 'gdpr.data_subjects', rule: dsRule, cite: 'GDPR Art. 34(1)', required: false, ...notDue(), reason: `Assessed as ${input.gdprRisk === 'risk' ? 'a risk but not a high risk' : 'unlikely to result in a risk'}: Art. 34(1) applies only to a likely high risk.` });
  }
  return obligations;
}

/** Every obligation the roles make relevant, in a fixed order: HIPAA (individuals, HHS, log, media, BA), then GDPR. */
export function computeBreachClock(input: TBreachClockInput): TBreachClockResult {
  const obligations: TBreachObligation[] = [];
  if (input.hipaaRole !== 'none') {
    const clock: Clock = {
      timeZone: input.timezone,
      discoveryDate: input.discoveredAt ? localDateOf(Date.parse(input.discoveredAt), input.timezone) : null,
      holdUntilMs: input.lawEnforcementHoldUntil ? Date.parse(input.lawEnforcementHoldUntil) : null,
    };
    obligations.push(...coveredEntityObligations(input, clock));
    if (input.hipaaRole === 'business_associate') obligations.push(businessAssociateObligation(input, clock));
  }
  if (input.gdprRole !== 'none') obligations.push(...gdprObligations(input));
  return { obligations };
}
