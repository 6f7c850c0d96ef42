/** An error shows the API's safe message and the request id for support; it can be retried. */
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '../kernel/api-client.js';
import { uiMessages } from './messages.js';

export interface ErrorStateProps {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  testId?: string;
}

/** Messages from the API start in lower case ("e-mail or password is wrong"): capitalise for display. */
export function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return sentence(error.message);
  if (error instanceof Error) return sentence(error.message);
  return uiMessages.errorTitle;
}

export function ErrorState({ error, title, onRetry, testId }: ErrorStateProps) {
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert color="red" variant="light" title={title ?? uiMessages.errorTitle} icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid={testId ?? 'error-state'}>
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {requestId ? (
          <Text size="sm">
            {uiMessages.requestId}: <Code data-testid="error-request-id">{requestId}</Code> — {uiMessages.requestIdHint}
          </Text>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {uiMessages.retry}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
