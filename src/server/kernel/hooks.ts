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

/**
 * Periodic work a feature adds to the housekeeping job (e.g. the risk register's monthly level
 * snapshots). Each hook must be idempotent (every app node runs housekeeping) and runs outside any
 * request; one failing hook is logged and does not stop the others.
 */
export type HousekeepingHook = (ctx: AppContext) => Promise<unknown>;

const housekeeping = new Map<string, HousekeepingHook>();

export function onHousekeeping(name: string, hook: HousekeepingHook): void {
  housekeeping.set(name, hook);
}

/** Runs every housekeeping hook in registration order; returns each hook's outcome by name. */
export async function runHousekeepingHooks(ctx: AppContext): Promise<Record<string, unknown>> {
  const outcomes: Record<string, unknown> = {};
  for (const [name, hook] of housekeeping) {
    try {
      outcomes[name] = await hook(ctx);
    } catch (error) {
      ctx.logger.error({ err: error, hook: name }, 'housekeeping hook failed');
      outcomes[name] = { failed: true };
    }
  }
  return outcomes;
}
