/**
 * Extension points where a feature adds to what another does, without the kernel importing features:
 * e.g. a new organization gets the default classification scheme from the assets feature.
 * Hooks run inside the caller's transaction, so the whole creation stays atomic.
 */
import type { AuditActor } from './audit/chain.js';
import type { Trx } from './audit/record.js';
import type { AppContext } from './context.js';

export type OrganizationCreatedHook = (ctx: AppContext, trx: Trx, actor: AuditActor, organizationId: string) => Promise<void>;

const organizationCreated: OrganizationCreatedHook[] = [];

export function onOrganizationCreated(hook: OrganizationCreatedHook): void {
  if (!organizationCreated.includes(hook)) organizationCreated.push(hook);
}

export async function runOrganizationCreatedHooks(ctx: AppContext, trx: Trx, actor: AuditActor, organizationId: string): Promise<void> {
  for (const hook of organizationCreated) await hook(ctx, trx, actor, organizationId);
}
