/** Readiness dashboard state in the URL: the drill-down (framework, section, status) is shareable and back-button safe. */
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '../../../shared/compliance.js';
import { readEnum, readText } from '../../kernel/table.js';

export interface ReadinessSearch {
  framework?: string;
  section?: string;
  status?: ComplianceStatus;
}

export function validateReadinessSearch(raw: Record<string, unknown>): ReadinessSearch {
  return { framework: readText(raw.framework, 120), section: readText(raw.section, 120), status: readEnum(raw.status, COMPLIANCE_STATUSES) };
}
