/** A secret shown once (temporary password, API token, recovery codes) with a copy button. */
import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { uiMessages } from './messages.js';

export function CopyIconButton({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? uiMessages.copied : label} withArrow>
          <ActionIcon variant="default" size="lg" onClick={copy} aria-label={copied ? `${uiMessages.copied}: ${label}` : label}>
            {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export interface SecretRevealProps {
  title: ReactNode;
  value: string;
  copyLabel: string;
  hint?: ReactNode;
  testId?: string;
}

export function SecretReveal({ title, value, copyLabel, hint, testId }: SecretRevealProps) {
  return (
    <Alert color="yellow" variant="light" icon={<IconKey aria-hidden />} title={title}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block fz="sm" data-testid={testId} style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {value}
          </Code>
          <CopyIconButton value={value} label={copyLabel} />
        </Group>
        <Text size="sm">{hint ?? uiMessages.shownOnce}</Text>
      </Stack>
    </Alert>
  );
}
