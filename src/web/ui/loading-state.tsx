/** Loading placeholders shaped like what is coming, announced to screen readers. */
import { Center, Loader, Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { uiMessages } from './messages.js';

export function LoadingState({ rows = 4, label = uiMessages.loading }: { rows?: number; label?: string }) {
  return (
    <Stack gap="sm" aria-busy="true" data-testid="loading-state">
      <VisuallyHidden role="status">{label}</VisuallyHidden>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={index === 0 ? 28 : 18} width={index === 0 ? '40%' : `${90 - index * 7}%`} radius="sm" />
      ))}
    </Stack>
  );
}

export function PageLoader({ label = uiMessages.loading }: { label?: string }) {
  return (
    <Center h="60vh" aria-busy="true">
      <Loader aria-hidden />
      <VisuallyHidden role="status">{label}</VisuallyHidden>
    </Center>
  );
}
