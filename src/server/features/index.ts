/** The composition root's list of features, in navigation order. Adding a feature = adding it here. */
import type { Feature } from '../kernel/http/route.js';
import { accountFeature } from './account/index.js';
import { assetsFeature } from './assets/index.js';
import { auditLogFeature } from './audit-log/index.js';
import { complianceFeature } from './compliance/index.js';
import { controlsFeature } from './controls/index.js';
import { frameworksFeature } from './frameworks/index.js';
import { incidentsFeature } from './incidents/index.js';
import { soaFeature } from './soa/index.js';
import { authFeature } from './auth/index.js';
import { organizationsFeature } from './organizations/index.js';
import { risksFeature } from './risks/index.js';
import { systemFeature } from './system/index.js';

export const FEATURES: Feature[] = [systemFeature, authFeature, accountFeature, organizationsFeature, assetsFeature, frameworksFeature, controlsFeature, soaFeature, risksFeature, complianceFeature, incidentsFeature, auditLogFeature];
