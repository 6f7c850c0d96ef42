/**
 * Data flows as a table: the asset's own flows (in and out) on its Data flows tab, and every flow as the
 * keyboard and screen-reader alternative to the diagram. Risky ePHI flows say so in words.
 */
import { ActionIcon, Badge, Group, Menu, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconDots, IconLock, IconLockOpen, IconPencil, IconTrash, IconWorld } from '@tabler/icons-react';
import { DATA_CATEGORY_LABELS, type TDataFlow } from '../../../shared/contracts/assets.js';
import { TableCaption } from '../../ui/data-table.js';
import { RouterAnchor } from '../../ui/links.js';
import classes from './assets.module.css';
import { assetMessages as m } from './messages.js';

export function flowRisks(flow: TDataFlow): string[] {
  if (!flow.dataCategories.includes('ephi')) return [];
  const risks: string[] = [];
  if (!flow.transportEncrypted) risks.push(m.riskUnencrypted);
  if (flow.leavesOrganization && !flow.agreementReference?.trim()) risks.push(m.riskNoAgreement);
  return risks;
}

function AssetEnd({ orgId, id, name }: { orgId: string; id: string; name: string }) {
  return (
    <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: id }} size="sm" fw={500}>
      {name}
    </RouterAnchor>
  );
}

function Target({ orgId, flow }: { orgId: string; flow: TDataFlow }) {
  if (flow.targetAssetId) return <AssetEnd orgId={orgId} id={flow.targetAssetId} name={flow.targetName ?? ''} />;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge className={classes.badge} size="sm" variant="outline" color="gray" leftSection={<IconWorld size={12} aria-hidden />}>
        {m.external}
      </Badge>
      <Text size="sm">{flow.externalParty}</Text>
    </Group>
  );
}

export interface FlowTableProps {
  orgId: string;
  flows: TDataFlow[];
  caption: string;
  /** On an asset's tab: show direction and the other end relative to it. */
  assetId?: string;
  canEdit?: boolean;
  onEdit?: (flow: TDataFlow) => void;
  onDelete?: (flow: TDataFlow) => void;
  testId?: string;
}

export function FlowTable({ orgId, flows, caption, assetId, canEdit, onEdit, onDelete, testId }: FlowTableProps) {
  return (
    <Paper withBorder radius="md" data-testid={testId}>
      <Table.ScrollContainer minWidth={900} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <TableCaption>{caption}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              {assetId ? <Table.Th scope="col">{m.flowDirection}</Table.Th> : <Table.Th scope="col">{m.flowSourceAsset}</Table.Th>}
              <Table.Th scope="col">{assetId ? m.flowCounterpart : m.flowLabels.targetAssetId}</Table.Th>
              <Table.Th scope="col">{m.flowPurpose}</Table.Th>
              <Table.Th scope="col">{m.flowCategories}</Table.Th>
              <Table.Th scope="col">{m.flowEncrypted}</Table.Th>
              <Table.Th scope="col">{m.flowAgreement}</Table.Th>
              {canEdit ? (
                <Table.Th scope="col" w={56}>
                  <VisuallyHidden>{m.flowActions}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flows.map((flow) => {
              const isOut = !assetId || flow.sourceAssetId === assetId;
              const risks = flowRisks(flow);
              return (
                <Table.Tr key={flow.id} data-testid="flow-row" data-flow-id={flow.id} data-risky={risks.length > 0 ? 'true' : 'false'}>
                  <Table.Td>
                    {assetId ? (
                      <Group gap={4} wrap="nowrap">
                        {isOut ? <IconArrowRight size={16} aria-hidden /> : <IconArrowLeft size={16} aria-hidden />}
                        <Text size="sm">{isOut ? m.flowOut : m.flowIn}</Text>
                      </Group>
                    ) : (
                      <AssetEnd orgId={orgId} id={flow.sourceAssetId} name={flow.sourceName} />
                    )}
                  </Table.Td>
                  <Table.Td>{assetId && !isOut ? <AssetEnd orgId={orgId} id={flow.sourceAssetId} name={flow.sourceName} /> : <Target orgId={orgId} flow={flow} />}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">{flow.purpose}</Text>
                      {risks.length ? (
                        <Group gap={4}>
                          {risks.map((risk) => (
                            <Badge key={risk} className={classes.badge} size="sm" color="red" variant="light" data-testid="flow-risk">
                              {risk}
                            </Badge>
                          ))}
                        </Group>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{flow.dataCategories.map((category) => DATA_CATEGORY_LABELS[category]).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {flow.transportEncrypted ? <IconLock size={14} aria-hidden /> : <IconLockOpen size={14} aria-hidden />}
                      <Text size="sm">{flow.transportEncrypted ? m.encrypted : m.unencrypted}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={flow.agreementReference ? undefined : 'dimmed'}>
                      {flow.agreementReference ?? (flow.leavesOrganization ? m.noAgreement : m.notRecorded)}
                    </Text>
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={m.flowRowActions(flow.purpose)} data-testid="flow-actions">
                            <IconDots size={18} aria-hidden />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit?.(flow)} data-testid="flow-edit">
                            {m.edit}
                          </Menu.Item>
                          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => onDelete?.(flow)} data-testid="flow-delete">
                            {m.delete}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
