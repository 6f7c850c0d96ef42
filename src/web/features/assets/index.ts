/** The assets feature's public surface: its pages, URL-state validators and the overview tile. */
export { AssetDetailPage } from './asset-detail-page.js';
export { AssetCreatePage, AssetEditPage } from './asset-form-page.js';
export { AssetRegisterPage } from './asset-register-page.js';
export { validateAssetDetailSearch, validateAssetSearch, validateFlowDiagramSearch, validateGapSearch, type AssetSearch } from './asset-search.js';
export { AssetsTile } from './assets-tile.js';
export { ClassificationPage } from './classification-page.js';
export { FlowDiagramPage } from './flow-diagram-page.js';
export { GapsPage } from './gaps-page.js';
export { ImportPage } from './import-page.js';
export { assetMessages } from './messages.js';
