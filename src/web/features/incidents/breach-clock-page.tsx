/**
 * The what-if breach clock (issue 6 items 4 and 7): a scenario in, every HIPAA (45 CFR 164.404–164.412)
 * and GDPR (Art. 33, 34) obligation out, from the same engine the API and the CLI use. Nothing is saved.
 */
import { Stack } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useState } from 'react';
import type { TBreachClockInput, TBreachClockResult } from '../../../shared/contracts/breach-clock.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { useBreachClockPreview } from './breach-clock-api.js';
import { BreachClockForm } from './breach-clock-form.js';
import { initialFormValues } from './breach-clock-form-values.js';
import { BreachClockResults } from './breach-clock-results.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.clock;

export function BreachClockPage() {
  const { membership } = useCurrentOrg();
  const [initialValues] = useState(() => initialFormValues(membership.timeZone || 'UTC', Date.now()));
  const preview = useBreachClockPreview();
  const [result, setResult] = useState<{ output: TBreachClockResult; timeZone: string } | null>(null);

  const calculate = async (input: TBreachClockInput) => {
    const output = await preview.mutateAsync(input);
    setResult({ output, timeZone: input.timezone });
  };

  return (
    <Stack gap="lg">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      <BreachClockForm initialValues={initialValues} onCalculate={calculate} />
      {result ? (
        <BreachClockResults obligations={result.output.obligations} timeZone={result.timeZone} />
      ) : (
        <EmptyState title={m.noResultTitle} description={m.noResultBody} icon={<IconHourglass size={28} aria-hidden />} testId="breach-clock-empty" />
      )}
    </Stack>
  );
}
