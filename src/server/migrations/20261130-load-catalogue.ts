/**
 * Loads the built-in catalogue (catalog/: ISO/IEC 27001:2022, HIPAA Security and Breach Notification
 * Rules, GDPR, NIST SP 800-53 Rev. 5 from OSCAL, and the crosswalks) into frameworks, requirements and
 * requirement_links. The loader is idempotent; a later catalogue version gets its own migration that
 * calls it again (ADR 0011).
 */
import type { Kysely } from 'kysely';
import { loadBuiltInCatalogue, type CatalogueDb } from '../features/frameworks/catalogue-loader.js';

export async function up(db: Kysely<any>): Promise<void> {
  await loadBuiltInCatalogue(db as CatalogueDb);
}
