/**
 * The what-if breach clock (issue 6 item 4): the deadline engine without an incident, so anyone signed in
 * can see which HIPAA (45 CFR 164.404–164.412) and GDPR (Art. 33, 34) notices a scenario triggers and
 * when they fall due. It reads and writes no data, so it needs no permission beyond a session.
 */
import { computeBreachClock } from '../../../shared/breach-clock.js';
import { ZBreachClockInput, ZBreachClockResult } from '../../../shared/contracts/breach-clock.js';
import { defineRoute } from '../../kernel/http/route.js';

const tags = ['incidents'];

export const breachClockRoutes = [
  defineRoute({
    method: 'POST', url: '/api/v1/breach-clock/preview', operationId: 'incidents.previewBreachClock', summary: 'What-if breach clock: the HIPAA and GDPR notification obligations and their due instants for a scenario', access: 'authenticated', tags,
    description: 'Pure calculation, nothing is stored. Day-based HIPAA deadlines are calendar days in the given time zone, due at the end of the due date there; the GDPR 72 hours are exact hours. See docs/domain.md "Breach clock".',
    body: ZBreachClockInput, response: ZBreachClockResult,
    handler: async ({ body }) => computeBreachClock(body),
  }),
];
