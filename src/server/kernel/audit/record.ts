/** Helpers that write audit events inside a service's transaction. */
import type { AppContext } from '../context.js';
import { appendAuditEvent, type AnyTransaction, type AuditActor, type AuditEventInput } from './chain.js';

export type Trx = AnyTransaction;

export function recordEvent(ctx: AppContext, trx: Trx, actor: AuditActor, input: AuditEventInput) {
  return appendAuditEvent(trx, actor, input, { clock: ctx.clock });
}

/**
 * An event about a person's own account (sign-in, MFA, tokens) is written to the chain of every
 * organization the person can currently act in, so each organization's auditors see it
 * (164.308(a)(1)(ii)(D) information system activity review); with no membership, to the system chain.
 */
export async function recordUserEvent(ctx: AppContext, trx: Trx, actor: AuditActor, userId: string, input: Omit<AuditEventInput, 'organizationId'>): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const orgs = await trx
    .selectFrom('memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('organization_id')
    .execute();
  if (orgs.length === 0) {
    await recordEvent(ctx, trx, actor, { ...input, organizationId: null });
    return;
  }
  for (const { organization_id } of orgs) await recordEvent(ctx, trx, actor, { ...input, organizationId: organization_id });
}
