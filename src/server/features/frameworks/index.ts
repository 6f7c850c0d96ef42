/** The frameworks catalogue (ISO/IEC 27001:2022, HIPAA, GDPR, NIST SP 800-53), its crosswalk and OSCAL import. */
import type { Feature } from '../../kernel/http/route.js';
import { frameworkRoutes } from './framework.routes.js';

export const frameworksFeature: Feature = { name: 'frameworks', routes: frameworkRoutes };
export { listFrameworks, getFramework, listRequirements, getRequirement } from './framework.service.js';
export { importOscalCatalog, deleteImportedFramework, readOscalCatalogFile, keyFromTitle, type OscalImportResult } from './oscal-import.service.js';
export { loadBuiltInCatalogue, type CatalogueDb, type LoadCatalogueResult } from './catalogue-loader.js';
export { validateOscalCatalog, type OscalSchemaError } from './oscal-schema.js';
export { requirementId } from './requirement-writer.js';
export type { FrameworkTables, FrameworkOnlyTables, FrameworksTable, RequirementsTable, RequirementLinksTable } from './framework.tables.js';
