/** The one migration set, in name order (the order Kysely runs them). New migrations sort last: `YYYYMMDD-verb-phrase`. */
import type { MigrationSet } from '../kernel/db/migrate.js';
import * as createKernelTables from './20261128-create-kernel-tables.js';
import * as createAssetTables from './20261129-create-asset-tables.js';
import * as createControlTables from './20261130-create-control-tables.js';
import * as loadCatalogue from './20261130-load-catalogue.js';
import * as speedUpAssetRegister from './20261130-speed-up-asset-register.js';
import * as storeEvidenceDataKeys from './20261130-store-evidence-data-keys.js';
import * as createRiskTables from './20261201-create-risk-tables.js';
import * as keepControlCostsToTheCent from './20261201-keep-control-costs-to-the-cent.js';
import * as speedUpAssetSearch from './20261201-speed-up-asset-search.js';
import * as createIncidentTables from './20261202-create-incident-tables.js';

export const MIGRATIONS: MigrationSet = {
  '20261128-create-kernel-tables': createKernelTables,
  '20261129-create-asset-tables': createAssetTables,
  '20261130-create-control-tables': createControlTables,
  '20261130-load-catalogue': loadCatalogue,
  '20261130-speed-up-asset-register': speedUpAssetRegister,
  '20261130-store-evidence-data-keys': storeEvidenceDataKeys,
  '20261201-create-risk-tables': createRiskTables,
  '20261201-keep-control-costs-to-the-cent': keepControlCostsToTheCent,
  '20261201-speed-up-asset-search': speedUpAssetSearch,
  '20261202-create-incident-tables': createIncidentTables,
};
