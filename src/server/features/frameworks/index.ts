/** The frameworks catalogue (ISO/IEC 27001:2022, HIPAA, GDPR, NIST SP 800-53), its crosswalk and OSCAL import. */
import type { Feature } from '../../kernel/http/route.js';
import { frameworkRoutes } from './framework.routes.js';

export const frameworksFeature: Feature = { name: 'frameworks', routes: frameworkRoutes };
export { listFrameworks } from './framework.service.js';
export { importOscalCatalog } from './oscal-import.service.js';
export { loadBuiltInCatalogue, type CatalogueDb } from './catalogue-loader.js';
export type { FrameworkOnlyTables } from './framework.tables.js';
