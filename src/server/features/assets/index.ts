/** Assets, classification and ePHI data flows: the inventory the risk analysis stands on. */
import { onOrganizationCreated } from '../../kernel/hooks.js';
import type { Feature } from '../../kernel/http/route.js';
import { assetIoRoutes } from './asset-io.routes.js';
import { assetRoutes } from './asset.routes.js';
import { seedDefaultScheme } from './classification.service.js';

onOrganizationCreated(seedDefaultScheme);

export const assetsFeature: Feature = { name: 'assets', routes: [...assetRoutes, ...assetIoRoutes] };
export { createAsset, listAssets, getAsset, today } from './asset.service.js';
export { createFlow } from './data-flow.service.js';
export { addDependency } from './dependency.service.js';
export { listLevels } from './classification.service.js';
export { importAssets, type ImportProgress } from './asset-import.service.js';
export { exportAssets } from './asset-export.service.js';
