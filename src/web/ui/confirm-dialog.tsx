/**
 * Destructive or legally significant actions ask first and say what will be recorded (UX: "Trust").
 * The dialog stays open on failure and shows the error with its request id.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './error-state.js';
import { uiMessages } from './messages.js';

export interface ConfirmDialogProps {
  opened: boolean;
  title: ReactNode;
  /** What happens. */
  children: ReactNode;
  /** What the audit trail will record. */
  recorded?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  isDestructive?: boolean;
  isPending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, children, recorded, confirmLabel, cancelLabel, isDestructive, isPending, error, onConfirm, onClose, testId } = props;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md" data-testid={testId ?? 'confirm-dialog'}>
        <Text size="sm">{children}</Text>
        {recorded ? (
          <Text size="sm" c="dimmed">
            {recorded}
          </Text>
        ) : null}
        {error ? <ErrorState error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={isPending}>
            {cancelLabel ?? uiMessages.cancel}
          </Button>
          <Button color={isDestructive ? 'red' : undefined} onClick={onConfirm} loading={isPending} data-testid="confirm-dialog-confirm">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
