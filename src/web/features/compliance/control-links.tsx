/** The controls behind a figure, each linking to its page; inherited group controls are marked in words. */
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { TLinkedControlSummary } from '../../../shared/contracts/compliance.js';
import { RouterAnchor } from '../../ui/links.js';
import { complianceMessages as m } from './messages.js';

export function ControlLinks({ orgId, controls }: { orgId: string; controls: TLinkedControlSummary[] }) {
  if (controls.length === 0) return <Text size="sm" c="dimmed">{m.noControls}</Text>;
  return (
    <Stack gap={2}>
      {controls.map((c) => (
        <Group key={c.id} gap={4} wrap="nowrap">
          <RouterAnchor to="/o/$orgId/controls/$controlId" params={{ orgId, controlId: c.id }} size="sm" title={c.name}>
            {c.code}
          </RouterAnchor>
          {c.inherited ? (
            <Badge size="xs" variant="light" color="grape">
              {m.inherited}
            </Badge>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}
