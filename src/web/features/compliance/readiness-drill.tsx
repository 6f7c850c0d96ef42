/**
 * Behind a readiness figure: the requirements of one section with their status and why, the controls
 * that stand behind each one and each control's evidence (title, expiry), with links to the control.
 */
import { Badge, Drawer, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '../../../shared/compliance.js';
import type { TDrillRequirement } from '../../../shared/contracts/compliance.js';
import { formatDate } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { ComplianceBadge } from './compliance-badges.js';
import { readinessDrillQuery } from './compliance-api.js';
import { complianceMessages as m } from './messages.js';
import { figuresSentence, formatPercent } from './readiness-charts.js';

function ControlsCell({ orgId, requirement, timeZone }: { orgId: string; requirement: TDrillRequirement; timeZone: string }) {
  if (requirement.controls.length === 0) return <Text size="sm" c="dimmed">{m.noControls}</Text>;
  return (
    <Stack gap={6}>
      {requirement.controls.map((control) => (
        <Stack key={control.id} gap={2}>
          <Group gap={6} wrap="wrap">
            <RouterAnchor to="/o/$orgId/controls/$controlId" params={{ orgId, controlId: control.id }} size="sm" fw={600}>
              {`${control.code} ${control.name}`}
            </RouterAnchor>
            <Text size="xs" c="dimmed">
              {`${m.controlStatuses[control.status]} · ${m.effectiveness[control.effectiveness]}`}
            </Text>
            {control.inherited ? (
              <Badge size="xs" variant="light" color="grape">
                {m.inherited}
              </Badge>
            ) : null}
            <RouterAnchor to="/o/$orgId/readiness/controls/$controlId" params={{ orgId, controlId: control.id }} size="xs">
              {m.complyOnceLink}
            </RouterAnchor>
          </Group>
          {control.evidence.length === 0 ? (
            <Text size="xs" c="dimmed" pl="sm">
              {m.noEvidence}
            </Text>
          ) : (
            <Stack gap={0} pl="sm">
              {control.evidence.map((e) => (
                <Group key={e.id} gap={6} wrap="nowrap">
                  <Text size="xs">{e.title}</Text>
                  {e.expired ? (
                    <Badge size="xs" color="red" variant="filled">
                      {m.expired}
                    </Badge>
                  ) : null}
                  {e.expiresOn ? (
                    <Text size="xs" c="dimmed">
                      {m.expires(formatDate(e.expiresOn, timeZone))}
                    </Text>
                  ) : null}
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

export function ReadinessDrill({ orgId, frameworkId, section, status, timeZone, onStatusChange, onClose }: { orgId: string; frameworkId: string | undefined; section: string | undefined; status: ComplianceStatus | undefined; timeZone: string; onStatusChange: (status: ComplianceStatus | undefined) => void; onClose: () => void }) {
  const isOpen = Boolean(frameworkId && section);
  const query = useQuery({ ...readinessDrillQuery(orgId, frameworkId ?? '', { section: section ?? '', status }), enabled: isOpen });
  const data = query.data;
  return (
    <Drawer opened={isOpen} onClose={onClose} position="right" size="xl" title={data ? m.drillTitle(`${data.frameworkName} — ${data.section.label}`) : m.drillTitle(section ?? '')} data-testid="readiness-drill">
      {query.isPending && isOpen ? <LoadingState rows={6} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {data ? (
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Text size="sm">{`${figuresSentence(data.figures)} · ${m.readinessLabel} ${formatPercent(data.figures.readinessPercent)}`}</Text>
            <NativeSelect
              label={m.statusFilter}
              value={status ?? ''}
              onChange={(event) => onStatusChange((event.currentTarget.value || undefined) as ComplianceStatus | undefined)}
              data={[{ value: '', label: m.anyStatus }, ...COMPLIANCE_STATUSES.map((s) => ({ value: s, label: `${m.statuses[s]} (${data.figures.counts[s]})` }))]}
              data-testid="drill-status"
            />
          </Group>
          {data.requirements.length === 0 ? (
            <Text size="sm">{m.noRequirements}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" fz="sm" striped data-testid="drill-table">
                <TableCaption>{m.drillCaption}</TableCaption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={260}>{m.requirementColumn}</Table.Th>
                    <Table.Th scope="col" w={200}>{m.columns.status}</Table.Th>
                    <Table.Th scope="col">{m.controlsColumn}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.requirements.map((r) => (
                    <Table.Tr key={r.id} data-testid="drill-row" data-ref={r.ref}>
                      <Table.Td>
                        <Text size="sm" ff="monospace" fw={600}>
                          {r.ref}
                        </Text>
                        <Text size="sm">{r.title}</Text>
                        {r.obligation ? (
                          <Text size="xs" c="dimmed">
                            {r.obligation === 'required' ? m.required : m.addressable}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          <ComplianceBadge status={r.status} basis={r.basis} />
                          <Text size="xs" c="dimmed">
                            {m.basis[r.basis]}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <ControlsCell orgId={orgId} requirement={r} timeZone={timeZone} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
