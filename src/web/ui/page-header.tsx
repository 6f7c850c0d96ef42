/** The top of every page: its title, what it is for, and its main actions. */
import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Small text above the title, e.g. the area ("Admin"). */
  eyebrow?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

export function PageHeader({ title, description, eyebrow, actions, testId }: PageHeaderProps) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md" mb="lg">
      <Stack gap={4} maw={760}>
        {eyebrow ? (
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.6}>
            {eyebrow}
          </Text>
        ) : null}
        <Title order={1} fz={26} data-testid={testId ?? 'page-title'}>
          {title}
        </Title>
        {description ? <Text c="dimmed">{description}</Text> : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
