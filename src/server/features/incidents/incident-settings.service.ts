/**
 * Per-organization incident settings (A.5.24 incident management planning: how incidents are graded;
 * 45 CFR 164.530(j) retention of documentation, at least six years): severity levels, the
 * organization's usual HIPAA/GDPR roles and the retention period. An organization that never saved
 * them works with the defaults.
 */
import { ZIncidentSettings, type TIncidentSettings } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { refreshObligations } from './incident-obligations.js';
import { incidentDb, type IncidentExecutor } from './incident.repository.js';

export const DEFAULT_INCIDENT_SETTINGS: TIncidentSettings = {
  severities: [
    { key: 'low', label: 'Low', colour: '#2f9e44', description: 'No PHI or personal data involved, no disruption of care' },
    { key: 'moderate', label: 'Moderate', colour: '#f08c00', description: 'Limited impact, contained within one department' },
    { key: 'high', label: 'High', colour: '#e8590c', description: 'PHI or personal data may be involved, or clinical systems are disrupted' },
    { key: 'critical', label: 'Critical', colour: '#c92a2a', description: 'Patient safety at risk, or a large breach of PHI' },
  ],
  hipaaRole: 'covered_entity',
  gdprRole: 'none',
  retentionYears: 6,
};

/** The organization's settings, or the defaults when it never saved any. */
export async function readSettings(db: IncidentExecutor, organizationId: string): Promise<TIncidentSettings> {
  const row = await incidentDb(db).selectFrom('incident_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  if (!row) return structuredClone(DEFAULT_INCIDENT_SETTINGS);
  return ZIncidentSettings.parse({ severities: JSON.parse(row.severities), hipaaRole: row.hipaa_role, gdprRole: row.gdpr_role, retentionYears: Number(row.retention_years) });
}

export function getSettings(ctx: AppContext, access: OrgAccess): Promise<TIncidentSettings> {
  return readSettings(ctx.database.db, access.organizationId);
}

/**
 * Replace the settings. A severity key still given to an incident cannot be removed (409 naming it):
 * the register would show an unknown grade. A change of the roles recomputes the obligations of every
 * incident that is not archived, since the roles feed the deadline engine where no assessment set them.
 */
export async function saveSettings(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TIncidentSettings): Promise<TIncidentSettings> {
  const db = incidentDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const before = await readSettings(trx, access.organizationId);
    const keys = new Set(input.severities.map((s) => s.key));
    const removed = before.severities.map((s) => s.key).filter((k) => !keys.has(k));
    if (removed.length > 0) {
      const used = await trx
        .selectFrom('incidents')
        .select(['severity'])
        .where('organization_id', '=', access.organizationId)
        .where('severity', 'in', removed)
        .groupBy('severity')
        .execute();
      if (used.length > 0) {
        const names = used.map((u) => u.severity).sort().join(', ');
        throw new AppError('conflict', `severities: ${names} cannot be removed: incidents still have this severity; change them first`);
      }
    }
    const now = ctx.clock.now().toISOString();
    const values = { severities: JSON.stringify(input.severities), hipaa_role: input.hipaaRole, gdpr_role: input.gdprRole, retention_years: input.retentionYears, updated_at: now, updated_by: actor.userId };
    await trx
      .insertInto('incident_settings')
      .values({ organization_id: access.organizationId, ...values })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
      .execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['hipaaRole', 'gdprRole', 'retentionYears'] as const) if (before[key] !== input[key]) changed[key] = { from: before[key], to: input[key] };
    if (JSON.stringify(before.severities) !== JSON.stringify(input.severities)) changed.severities = { from: before.severities.map((s) => s.key), to: input.severities.map((s) => s.key) };
    await recordEvent(ctx, trx, actor, { type: 'incident.settings_changed', organizationId: access.organizationId, subjectType: 'incident_settings', subjectId: access.organizationId, changes: changed });
    if (changed.hipaaRole || changed.gdprRole) {
      const open = await trx.selectFrom('incidents').select('id').where('organization_id', '=', access.organizationId).where('archived_at', 'is', null).execute();
      for (const { id } of open) await refreshObligations(trx, ctx, id);
    }
  });
  return readSettings(ctx.database.db, access.organizationId);
}
