/** An empty list says what it is for and offers the first action (UX: "Lists and forms"). */
import { EmptyState as MantineEmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  description: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  testId?: string;
}

export function EmptyState({ title, description, action, icon, testId }: EmptyStateProps) {
  return (
    <MantineEmptyState
      py="xl"
      px="md"
      title={title}
      description={description}
      icon={icon ?? <IconInbox size={28} stroke={1.5} aria-hidden />}
      withIndicatorBackground
      data-testid={testId ?? 'empty-state'}
    >
      {action ? <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions> : null}
    </MantineEmptyState>
  );
}
