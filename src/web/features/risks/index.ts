/** The risks feature's public surface: its pages, the risk matrix and the method/catalogue hooks. */
export { RiskMatrix, MatrixLegend, readableTextColour, contrastRatio, type MatrixShape, type MatrixCell, type RiskMatrixProps } from './risk-matrix.js';
export { useRiskMethod, useRiskMethodVersions, useRiskCatalogue, useRiskHeatmap, useRiskTrends, riskMethodKeys, riskMethodQuery, riskCatalogueQuery } from './risk-method-api.js';
export { MethodEditorPage } from './method-editor-page.js';
export { HeatmapPage } from './heatmap-page.js';
export { CataloguePage } from './catalogue-page.js';
export { validateCatalogueSearch, validateHeatmapSearch, validateMethodSearch } from './method-search.js';
// ---- The register, risk detail, forms and the treatment task board (W1) ----
export { RiskRegisterPage } from './risk-register-page.js';
export { RiskImportPage } from './risk-import-page.js';
export { RiskDetailPage } from './risk-detail-page.js';
export { RiskCreatePage, RiskEditPage } from './risk-form-page.js';
export { TaskBoardPage } from './task-board-page.js';
export { validateRiskDetailSearch, validateRiskNewSearch, validateRiskSearch, validateTaskBoardSearch, type RiskSearch } from './risk-search.js';
export { LevelBadge } from './risk-badges.js';
export { riskKeys } from './risks-api.js';
export { riskMessages } from './messages.js';
