/** Unknown addresses and unexpected page errors. */
import { Center, Stack } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorState } from '../ui/error-state.js';
import { LinkButton } from '../ui/links.js';
import { uiMessages } from '../ui/messages.js';
import { appMessages as m } from './messages.js';

export function NotFoundPage() {
  return (
    <Center mih="60vh" p="md">
      <EmptyState
        icon={<IconMapQuestion size={28} aria-hidden />}
        title={uiMessages.notFoundTitle}
        description={uiMessages.notFoundBody}
        action={<LinkButton to="/">{uiMessages.goHome}</LinkButton>}
        testId="not-found"
      />
    </Center>
  );
}

export function PageError({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Stack p="lg" maw={720}>
      <ErrorState error={error} title={m.pageErrorTitle} onRetry={() => void router.invalidate()} />
    </Stack>
  );
}
