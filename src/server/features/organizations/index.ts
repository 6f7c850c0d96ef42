/** Organizations, sites and memberships; services the CLI and the demo use to create them. */
import type { Feature } from '../../kernel/http/route.js';
import { organizationRoutes } from './organization.routes.js';

export const organizationsFeature: Feature = { name: 'organizations', routes: organizationRoutes };
export { createOrganizationIn, createUserIn, addMembershipIn } from './organization.service.js';
