/**
 * The group view of the SoA: for each site of a group, the effective status of every Annex A control
 * (sites inherit the inheritable controls of the group and the groups above it). A fixed set of queries
 * for all sites together — sites, requirements, SoA entries, control links — never one per site.
 * Sites appear only where the caller may read the SoA there (deny by default, as group lists do).
 */
import { deriveImplementationStatus, type ImplementationStatus } from '../../../shared/compliance.js';
import type { TSoaSiteMatrix } from '../../../shared/contracts/soa.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { countStatuses, effectiveStatus, entryFields } from './soa-rows.js';
import * as repo from './soa.repository.js';

const asTheme = (theme: string | null) => (theme === 'organizational' || theme === 'people' || theme === 'physical' || theme === 'technological' ? theme : null);

export async function siteMatrix(ctx: AppContext, access: OrgAccess, principal: Principal | null): Promise<TSoaSiteMatrix> {
  const db = repo.soaDb(ctx.database.db);
  const [requirements, sites, ancestors] = await Promise.all([
    repo.annexRequirements(db),
    principal ? sitesWithPermission(ctx.database.db, principal, access.organizationId, 'soa.read', ctx.clock.now()) : Promise.resolve([]),
    ancestorOrganizationIds(ctx.database.db, access.organizationId),
  ]);
  const siteIds = sites.map((s) => s.id);
  const [entries, links] = await Promise.all([repo.entriesOf(db, siteIds), repo.annexLinksOf(db, siteIds, [access.organizationId, ...ancestors])]);

  const siteSet = new Set(siteIds);
  // requirement id → the inherited controls (every site gets them) and each site's own.
  const inherited = new Map<string, repo.ControlLinkRow[]>();
  const own = new Map<string, repo.ControlLinkRow[]>();
  for (const link of links) {
    const key = siteSet.has(link.organization_id) ? `${link.organization_id}|${link.requirement_id}` : link.requirement_id;
    const target = siteSet.has(link.organization_id) ? own : inherited;
    const list = target.get(key);
    if (list) list.push(link);
    else target.set(key, [link]);
  }
  const entryByKey = new Map(entries.map((e) => [`${e.organization_id}|${e.requirement_id}`, e]));
  const ordered = [...sites].sort((a, b) => a.name.localeCompare(b.name));
  return {
    requirements: requirements.map((r) => ({ ref: r.ref, title: r.title, theme: asTheme(r.theme) })),
    sites: ordered.map((site) => {
      const statuses: ImplementationStatus[] = requirements.map((requirement) => {
        const key = `${site.id}|${requirement.id}`;
        const controls = [...(inherited.get(requirement.id) ?? []), ...(own.get(key) ?? [])];
        return effectiveStatus(entryFields(entryByKey.get(key)), deriveImplementationStatus(controls));
      });
      return { organizationId: site.id, name: site.name, statuses, counts: countStatuses(statuses) };
    }),
  };
}
