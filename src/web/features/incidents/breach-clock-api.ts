/**
 * The what-if breach clock over `POST /api/v1/breach-clock/preview` (issue 6 item 4). A calculation, not
 * a change: nothing to invalidate. The answer is checked against the shared result contract.
 */
import { useMutation } from '@tanstack/react-query';
import { ZBreachClockResult, type TBreachClockInput, type TBreachClockResult } from '../../../shared/contracts/breach-clock.js';
import { apiRequest } from '../../kernel/api-client.js';

export function previewBreachClock(input: TBreachClockInput): Promise<TBreachClockResult> {
  return apiRequest('/breach-clock/preview', { method: 'POST', body: input, schema: ZBreachClockResult });
}

export function useBreachClockPreview() {
  return useMutation({ mutationFn: previewBreachClock });
}
