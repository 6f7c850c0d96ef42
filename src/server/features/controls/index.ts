/** The organization's controls, their evidence and the healthcare starter library. */
import { registerEncryptedColumn } from '../../kernel/crypto/rotation.js';
import type { Feature } from '../../kernel/http/route.js';
import { controlRoutes } from './control.routes.js';

// Evidence data keys are envelopes: `custos keys rotate` re-wraps them with the other encrypted columns,
// whichever store holds the file (ADR 0012).
registerEncryptedColumn({ table: 'evidence', column: 'data_key', idColumn: 'id' });

export const controlsFeature: Feature = { name: 'controls', routes: controlRoutes };
export { linkedControlsByRequirement, implementationStatuses, ancestorOrganizationIds, type LinkedControl } from './requirement-controls.js';
export { linkedRisksByControl, mergeLinkedRisks } from './control-risks.js';
export { createControl, getControl, listControls, updateControl, linkRequirements, linkAssets } from './control.service.js';
export { uploadEvidenceFile, addEvidenceLink, downloadEvidence, verifyOrganizationEvidence, type EvidenceProblem } from './evidence.service.js';
export { adoptStarterLibrary, describeStarterLibrary, loadStarterLibrary } from './starter-library.js';
export { evidenceSettings, type EvidenceStoreKind } from './evidence-store.js';
