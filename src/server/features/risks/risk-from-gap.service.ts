/**
 * "Create risk from gap" (issue 5 item 3; ISO/IEC 27001:2022 6.1.2 c identifying risks; 45 CFR
 * 164.308(a)(1)(ii)(A)): a gap of the asset register (a weakness its handling rules detect) pre-fills a
 * risk scenario with the catalogue's matching vulnerability and threat. Nothing is written here; the
 * scenario is saved by createRisk with `fromGap`, which lets the next draft point at it.
 */
import { ASSET_TYPE_LABELS, GAP_RULES, type GapRule } from '../../../shared/contracts/assets.js';
import type { TRiskDraft } from '../../../shared/contracts/risks.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { fieldError, notFound } from '../../kernel/errors.js';
import { builtinCatalogue } from './risk-catalogue.service.js';
import * as repo from './risk.repository.js';

/** The register's category for a risk raised from a gap rule. */
const GAP_CATEGORY: Record<GapRule, TRiskDraft['category']> = {
  encryption_at_rest_missing: 'privacy',
  encryption_in_transit_missing: 'cyber',
  mfa_missing: 'cyber',
  byod_not_allowed: 'privacy',
  mobile_ephi_without_mdm: 'privacy',
  medical_device_unsupported_on_flat_network: 'clinical',
  ephi_without_owner: 'compliance',
  ephi_flow_without_agreement: 'supplier',
  ephi_flow_unencrypted: 'privacy',
  flow_leaves_without_required_agreement: 'supplier',
};

/** The HICP threat group that fits an asset type best, when several sub-threats exploit the weakness. */
const PREFERRED_THREAT: Partial<Record<string, string>> = { medical_device: 'hicp.medical-devices', mobile_device: 'hicp.loss-theft', endpoint: 'hicp.loss-theft' };

/**
 * A pre-filled scenario for a gap of the asset register (issue 5 item 3): the catalogue vulnerability
 * whose gap rule it is, a HICP 2023 sub-threat that exploits it (preferring the asset type's threat
 * group), the asset, and a risk already raised from the same gap if there is one. Nothing is written.
 */
export async function riskDraftFromGap(ctx: AppContext, access: OrgAccess, query: { assetId: string; rule: string }): Promise<TRiskDraft> {
  if (!(GAP_RULES as readonly string[]).includes(query.rule)) throw fieldError('query.rule', `must be one of ${GAP_RULES.join(', ')}`);
  const rule = query.rule as GapRule;
  const db = ctx.database.db;
  const asset = await repo.repoDb(db).selectFrom('assets').select(['id', 'name', 'type']).where('organization_id', '=', access.organizationId).where('id', '=', query.assetId).executeTakeFirst();
  if (!asset) throw notFound('asset');
  const catalogue = builtinCatalogue();
  const vulnerability = catalogue.rawVulnerabilities.find((v) => v.gapRule === rule);
  const candidates = catalogue.threats.filter((t) => t.parentId !== null && vulnerability !== undefined && t.vulnerabilityIds.includes(vulnerability.id));
  const preferred = PREFERRED_THREAT[asset.type];
  const threat = candidates.find((t) => preferred !== undefined && t.parentId === preferred) ?? candidates[0] ?? null;
  const typeLabel = ASSET_TYPE_LABELS[asset.type as keyof typeof ASSET_TYPE_LABELS] ?? asset.type;
  const title = `${vulnerability?.title ?? rule.replace(/_/g, ' ')}: ${asset.name}`;
  const description = [
    vulnerability?.description ?? '',
    `Raised from the asset register's gap "${rule}" on ${asset.name} (${typeLabel}).`,
    threat ? `Threat: ${threat.title} (${threat.id}).` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
    description,
    category: GAP_CATEGORY[rule],
    threatId: threat?.id ?? null,
    vulnerabilityIds: vulnerability ? [vulnerability.id] : [],
    assetIds: [asset.id],
    fromGap: { assetId: asset.id, rule },
    existingRiskId: await repo.riskFromGap(db, access.organizationId, asset.id, rule),
  };
}
