/**
 * Derived asset values (A.5.9; 164.308(a)(1)(ii)(A)): computed on every write from the asset's own
 * fields, never typed in. Pure functions, no I/O.
 */
import { CRITICALITIES, type TAssetFields } from '../../../shared/contracts/assets.js';

/**
 * Criticality 1 (low) … 4 (critical): the highest of confidentiality, integrity, availability (1–4) and
 * patient-safety impact (0–4). A device whose failure can harm a patient is critical however "low" its data.
 */
export function criticalityOf(fields: Pick<TAssetFields, 'confidentiality' | 'integrity' | 'availability' | 'patientSafetyImpact'>): number {
  return Math.max(1, Math.min(4, Math.max(fields.confidentiality, fields.integrity, fields.availability, fields.patientSafetyImpact)));
}

export function criticalityLabel(level: number): (typeof CRITICALITIES)[number] {
  return CRITICALITIES[Math.max(1, Math.min(4, level)) - 1]!;
}

/** An asset handles ePHI when ePHI is among its data categories or it creates/receives/maintains/transmits it. */
export function handlesEphi(fields: Pick<TAssetFields, 'dataCategories' | 'ephiCreates' | 'ephiReceives' | 'ephiMaintains' | 'ephiTransmits'>): boolean {
  return fields.dataCategories.includes('ephi') || fields.ephiCreates || fields.ephiReceives || fields.ephiMaintains || fields.ephiTransmits;
}
