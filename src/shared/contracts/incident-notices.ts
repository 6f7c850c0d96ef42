/**
 * Path parameters of the breach side of the incident feature (assessment, obligations, notification
 * drafts; 45 CFR 164.402–164.408; GDPR Art. 33). The bodies and responses are in `./incidents.ts`.
 */
import { z } from 'zod';
import { ZId, ZOrgParams } from './common.js';

export const ZIncidentNoticeParams = ZOrgParams.extend({ incidentId: ZId });
export const ZDraftParams = ZIncidentNoticeParams.extend({ draftId: ZId });
export type TDraftParams = z.infer<typeof ZDraftParams>;
