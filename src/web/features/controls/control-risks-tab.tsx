/**
 * The open risks whose treatment selected this control (ISO/IEC 27001:2022 6.1.3 b–c), each with its
 * current level. Links are made from the risk's Treatment tab; this list follows them.
 */
import { Badge, Stack, Table, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { TControlDetail } from '../../../shared/contracts/controls.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { controlMessages as m } from './messages.js';

export function ControlRisksTab({ control, canReadRisks }: { control: TControlDetail; canReadRisks: boolean }) {
  return (
    <Stack gap="md" maw={1000}>
      <Text size="sm" c="dimmed">
        {m.risksIntro}
      </Text>
      {control.risks.length === 0 ? (
        <EmptyState icon={<IconAlertOctagon size={28} aria-hidden />} title={m.noRisksTitle} description={m.noRisksBody} testId="control-risks-empty" />
      ) : (
        <Table verticalSpacing={6} data-testid="control-risks">
          <TableCaption>{m.tabs.risks}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={100}>
                {m.riskColumns.ref}
              </Table.Th>
              <Table.Th scope="col">{m.riskColumns.title}</Table.Th>
              <Table.Th scope="col" w={160}>
                {m.riskColumns.level}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {control.risks.map((risk) => (
              <Table.Tr key={risk.id} data-testid="control-risk-row" data-risk-ref={risk.ref}>
                <Table.Td>
                  {canReadRisks ? (
                    <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId: risk.organizationId, riskId: risk.id }} size="sm" ff="monospace">
                      {risk.ref}
                    </RouterAnchor>
                  ) : (
                    <Text size="sm" ff="monospace">
                      {risk.ref}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{risk.title}</Text>
                </Table.Td>
                <Table.Td>
                  {risk.level ? (
                    <Badge autoContrast color={risk.level.colour} styles={{ label: { textTransform: 'none' } }} data-testid="control-risk-level" data-level={risk.level.key}>
                      {risk.level.label}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {m.riskNotAssessed}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
