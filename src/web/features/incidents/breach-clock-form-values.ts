/**
 * The calculator's form values (what the inputs hold: strings, local date-times in the chosen zone) and
 * their conversion to the `ZBreachClockInput` request. Fields that the chosen roles make irrelevant are
 * left out, so the contract's "applies only when…" rules never fire for a hidden field.
 */
import { instantOfLocalDateTime, localDateTimeOf } from '../../../shared/breach-clock.js';
import type { GDPR_RISKS, GDPR_ROLES, HIPAA_ROLES } from '../../../shared/contracts/breach-clock.js';

export interface StateRow {
  key: number;
  state: string;
  residents: string;
}

export interface BreachClockFormValues extends Record<string, unknown> {
  timezone: string;
  hipaaRole: (typeof HIPAA_ROLES)[number];
  gdprRole: (typeof GDPR_ROLES)[number];
  discoveredAt: string;
  awareAt: string;
  hipaaBreach: boolean;
  individuals: string;
  residentsByState: StateRow[];
  gdprRisk: (typeof GDPR_RISKS)[number];
  baNoticeDays: string;
  lawEnforcementHoldUntil: string;
}

export function initialFormValues(timezone: string, nowMs: number): BreachClockFormValues {
  const now = localDateTimeOf(nowMs, timezone);
  return {
    timezone,
    hipaaRole: 'covered_entity',
    gdprRole: 'controller',
    discoveredAt: now,
    awareAt: now,
    hipaaBreach: true,
    individuals: '0',
    residentsByState: [],
    gdprRisk: 'risk',
    baNoticeDays: '',
    lawEnforcementHoldUntil: '',
  };
}

/** A local date-time → ISO instant; anything unreadable is passed through so the contract names the field. */
function instant(local: string, timezone: string): string {
  try {
    const ms = instantOfLocalDateTime(local, timezone);
    return ms === null ? local : new Date(ms).toISOString();
  } catch {
    return local;
  }
}

/** "" → undefined, "12" → 12, "x" → "x" (refused by the contract with its own words). */
function count(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function toRequest(values: BreachClockFormValues): unknown {
  const isHipaa = values.hipaaRole !== 'none';
  const isGdpr = values.gdprRole !== 'none';
  const residents: Record<string, unknown> = {};
  for (const row of values.residentsByState) {
    const state = row.state.trim().toUpperCase();
    if (state) residents[state] = count(row.residents) ?? 0;
  }
  return {
    timezone: values.timezone.trim(),
    hipaaRole: values.hipaaRole,
    gdprRole: values.gdprRole,
    ...(isHipaa ? { discoveredAt: instant(values.discoveredAt, values.timezone.trim()) } : {}),
    ...(isGdpr ? { awareAt: instant(values.awareAt, values.timezone.trim()) } : {}),
    hipaaBreach: values.hipaaBreach,
    individuals: count(values.individuals) ?? 0,
    ...(isHipaa ? { residentsByState: residents } : {}),
    gdprRisk: values.gdprRisk,
    ...(values.hipaaRole === 'business_associate' && values.baNoticeDays.trim() !== '' ? { baNoticeDays: count(values.baNoticeDays) } : {}),
    ...(isHipaa && values.lawEnforcementHoldUntil.trim() !== '' ? { lawEnforcementHoldUntil: instant(values.lawEnforcementHoldUntil, values.timezone.trim()) } : {}),
  };
}
