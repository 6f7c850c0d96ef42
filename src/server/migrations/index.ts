/** The one migration set, in order. New migrations are added at the end: `YYYYMMDD-verb-phrase`. */
import type { MigrationSet } from '../kernel/db/migrate.js';
import * as createKernelTables from './20261128-create-kernel-tables.js';
import * as createAssetTables from './20261129-create-asset-tables.js';

export const MIGRATIONS: MigrationSet = {
  '20261128-create-kernel-tables': createKernelTables,
  '20261129-create-asset-tables': createAssetTables,
};
