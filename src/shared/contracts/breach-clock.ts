/**
 * Contracts of the breach-clock deadline engine (issue 6 item 4): the what-if input and the obligations
 * it derives under HIPAA (45 CFR 164.404–164.412) and GDPR (Art. 33, 34). The engine itself is
 * `src/shared/breach-clock.ts`; the API (`POST /api/v1/breach-clock/preview`), the CLI
 * (`custos breach clock`) and the web calculator all validate with `ZBreachClockInput`.
 */
import { z } from 'zod';

export const HIPAA_ROLES = ['covered_entity', 'business_associate', 'none'] as const;
export const GDPR_ROLES = ['controller', 'processor', 'none'] as const;
/** Art. 33(1) "unlikely to result in a risk" / a risk / Art. 34(1) "likely to result in a high risk". */
export const GDPR_RISKS = ['none', 'risk', 'high'] as const;

/**
 * "State or jurisdiction" for 164.406, as USPS two-letter codes: the 50 States and what 45 CFR 160.103
 * defines as States besides them (the District of Columbia, Puerto Rico, the Virgin Islands, Guam), plus
 * American Samoa and the Northern Mariana Islands, which we accept as jurisdictions (our reading).
 * Jurisdictions smaller than a State (a county, a city) are not modelled: more than 500 residents of one
 * of them are also more than 500 residents of its State, so the State's entry already triggers the notice.
 */
export const US_JURISDICTIONS = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC',
  'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'VI', 'GU', 'AS', 'MP',
] as const;
export type TUsJurisdiction = (typeof US_JURISDICTIONS)[number];
const JURISDICTION_SET: ReadonlySet<string> = new Set(US_JURISDICTIONS);

/** The engine computes in calendar days with Date.UTC arithmetic; outside this range it refuses rather than guess. */
export const BREACH_CLOCK_MIN_INSTANT = '1970-01-01T00:00:00.000Z';
export const BREACH_CLOCK_MAX_INSTANT = '2199-12-31T23:59:59.999Z';
const MIN_MS = Date.parse(BREACH_CLOCK_MIN_INSTANT);
const MAX_MS = Date.parse(BREACH_CLOCK_MAX_INSTANT);

/** An IANA zone name that this runtime's Intl knows (e.g. America/New_York, Europe/Berlin, UTC). */
export function isValidTimeZone(value: string): boolean {
  // Offsets such as "+01:00" are not IANA zones: they know no daylight saving, so refuse them.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const ZInstant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time with Z or an offset' })
  .refine((value) => {
    const ms = Date.parse(value);
    return ms >= MIN_MS && ms <= MAX_MS;
  }, { message: 'must be between 1970 and 2199' });

const ZCount = z.number({ message: 'must be a whole number ≥ 0' }).int({ message: 'must be a whole number ≥ 0' }).min(0, { message: 'must be a whole number ≥ 0' }).max(1_000_000_000, { message: 'must be at most 1,000,000,000' });

export const ZBreachClockInput = z
  .object({
    timezone: z.string().max(64, { message: 'must be at most 64 characters' }).refine(isValidTimeZone, { message: 'must be an IANA time zone, e.g. America/New_York' }),
    hipaaRole: z.enum(HIPAA_ROLES, { message: 'must be covered_entity, business_associate or none' }),
    gdprRole: z.enum(GDPR_ROLES, { message: 'must be controller, processor or none' }),
    /** HIPAA discovery (164.404(a)(2), 164.410(a)(2)); required unless hipaaRole is none. */
    discoveredAt: ZInstant.optional(),
    /** GDPR awareness (Art. 33(1), 33(2)); required unless gdprRole is none. */
    awareAt: ZInstant.optional(),
    /** A breach of unsecured PHI, as concluded by the 164.402 assessment (presumed unless shown otherwise). */
    hipaaBreach: z.boolean({ message: 'must be true or false' }),
    individuals: ZCount,
    residentsByState: z.record(z.string().max(8), ZCount).default({}),
    gdprRisk: z.enum(GDPR_RISKS, { message: 'must be none, risk or high' }),
    /** A shorter period agreed in the business associate agreement (164.504(e)(2)(ii)(C)); at most the 60 days of 164.410(b). */
    baNoticeDays: z.number({ message: 'must be a whole number from 1 to 60' }).int({ message: 'must be a whole number from 1 to 60' }).min(1, { message: 'must be a whole number from 1 to 60' }).max(60, { message: 'must be a whole number from 1 to 60' }).optional(),
    /**
     * End of a law-enforcement delay (164.412), as the caller determined it: the date a written statement
     * gives, or at most 30 days after an oral one (164.412(b)); the engine applies the end it is given.
     */
    lawEnforcementHoldUntil: ZInstant.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const isHipaa = input.hipaaRole !== 'none';
    if (isHipaa && input.discoveredAt === undefined) ctx.addIssue({ code: 'custom', path: ['discoveredAt'], message: 'is required when hipaaRole is not none (the HIPAA clocks run from discovery)' });
    if (input.gdprRole !== 'none' && input.awareAt === undefined) ctx.addIssue({ code: 'custom', path: ['awareAt'], message: 'is required when gdprRole is not none (the GDPR clocks run from awareness)' });
    let residents = 0;
    for (const [state, count] of Object.entries(input.residentsByState)) {
      if (!JURISDICTION_SET.has(state)) ctx.addIssue({ code: 'custom', path: ['residentsByState', state], message: 'is not a US state or territory code (two upper-case letters, e.g. NY, DC, PR)' });
      residents += count;
    }
    if (residents > input.individuals) ctx.addIssue({ code: 'custom', path: ['residentsByState'], message: `adds up to ${residents}, more than individuals (${input.individuals})` });
    if (!isHipaa && Object.keys(input.residentsByState).length > 0) ctx.addIssue({ code: 'custom', path: ['residentsByState'], message: 'applies only to HIPAA media notice (164.406); hipaaRole is none' });
    if (input.baNoticeDays !== undefined && input.hipaaRole !== 'business_associate') ctx.addIssue({ code: 'custom', path: ['baNoticeDays'], message: 'applies only when hipaaRole is business_associate (164.410)' });
    if (input.lawEnforcementHoldUntil !== undefined) {
      if (!isHipaa) ctx.addIssue({ code: 'custom', path: ['lawEnforcementHoldUntil'], message: 'applies only to HIPAA notices (164.412); hipaaRole is none' });
      else if (input.discoveredAt !== undefined && Date.parse(input.lawEnforcementHoldUntil) <= Date.parse(input.discoveredAt)) ctx.addIssue({ code: 'custom', path: ['lawEnforcementHoldUntil'], message: 'must be after discoveredAt' });
    }
  });
export type TBreachClockInput = z.output<typeof ZBreachClockInput>;
/** What a caller may send (residentsByState may be left out). */
export type TBreachClockInputRequest = z.input<typeof ZBreachClockInput>;

export const BREACH_OBLIGATION_IDS = ['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.ba_to_ce', 'gdpr.supervisory_authority', 'gdpr.processor_to_controller', 'gdpr.data_subjects'] as const;

export const ZBreachObligation = z.object({
  /** One of BREACH_OBLIGATION_IDS, or `hipaa.media.<STATE>`. */
  id: z.union([z.enum(BREACH_OBLIGATION_IDS), z.string().regex(/^hipaa\.media\.[A-Z]{2}$/)]),
  rule: z.string(),
  cite: z.string(),
  required: z.boolean(),
  /** The due instant in UTC (`Z`); null when not required or when the law sets no fixed time ("without undue delay"). */
  dueAt: z.string().nullable(),
  /** The due date in the organization's time zone (YYYY-MM-DD); null exactly when dueAt is null. */
  dueDate: z.string().nullable(),
  reason: z.string(),
  /** The end of a law-enforcement delay (164.412) that holds this notice; the due date is never earlier. */
  heldUntil: z.string().optional(),
});
export type TBreachObligation = z.output<typeof ZBreachObligation>;

export const ZBreachClockResult = z.object({ obligations: z.array(ZBreachObligation) });
export type TBreachClockResult = z.output<typeof ZBreachClockResult>;
