/** The Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d)), its published versions and exports. */
import type { Feature } from '../../kernel/http/route.js';
import { soaRoutes } from './soa.routes.js';

export const soaFeature: Feature = { name: 'soa', routes: soaRoutes };
export { currentRows, listSoa, markApplicable, updateEntry } from './soa.service.js';
export { publishVersion, approveVersion, listVersions } from './soa-version.service.js';
export { exportSoa, soaDocument } from './soa-export.service.js';
export { renderSoaPdf } from './soa-pdf.js';
export { siteMatrix } from './soa-sites.service.js';
