/**
 * The SoA table: one row per Annex A control. Editable (soa.write): the applicable switch (switching off
 * asks for the exclusion justification), inclusion reasons, justification text saved when the field is
 * left, and the status override in a small dialog. Read-only for a published version.
 */
import { ActionIcon, Anchor, Badge, Button, Group, MultiSelect, Paper, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { INCLUSION_REASON_LABELS, INCLUSION_REASONS, type InclusionReason, type OverrideStatus } from '../../../shared/compliance.js';
import { ANNEX_A_THEME_LABELS, type TSoaRow, type TUpdateSoaEntryRequest } from '../../../shared/contracts/soa.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { errorMessage } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { uiMessages } from '../../ui/messages.js';
import { hasPermission } from '../auth/index.js';
import { StatusBadge } from './soa-badges.js';
import { ExcludeDialog, OverrideDialog } from './soa-dialogs.js';
import { invalidateSoa, updateEntry } from './soa-api.js';
import { soaMessages as m } from './messages.js';

const REASON_OPTIONS = INCLUSION_REASONS.map((value) => ({ value, label: INCLUSION_REASON_LABELS[value] }));

type Save = (row: TSoaRow, body: TUpdateSoaEntryRequest, onSaved?: () => void) => void;

function JustificationText({ row }: { row: TSoaRow }) {
  if (!row.applicable) return <Text size="sm">{row.exclusionJustification}</Text>;
  return (
    <Stack gap={2}>
      {row.inclusionReasons.length ? (
        <Text size="sm" fw={500}>
          {row.inclusionReasons.map((r) => INCLUSION_REASON_LABELS[r]).join(' · ')}
        </Text>
      ) : null}
      {row.inclusionJustification ? <Text size="sm">{row.inclusionJustification}</Text> : null}
      {!row.isJustified ? (
        <Text size="sm" c="red.9" fs="italic">
          {m.noJustification}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Edit in place, one row at a time (93 rows of inputs at once would make the page slow). */
function JustificationEditor({ row, onSave, onDone, isPending }: { row: TSoaRow; onSave: Save; onDone: () => void; isPending: boolean }) {
  const [reasons, setReasons] = useState<InclusionReason[]>(row.inclusionReasons);
  const [text, setText] = useState((row.applicable ? row.inclusionJustification : row.exclusionJustification) ?? '');
  const submit = () => {
    const body: TUpdateSoaEntryRequest = row.applicable ? { inclusionReasons: reasons, inclusionJustification: text.trim() || null } : { exclusionJustification: text.trim() || null };
    onSave(row, body, onDone);
  };
  return (
    <Stack gap={4} data-testid="soa-justification-editor">
      {row.applicable ? (
        <MultiSelect aria-label={`${m.reasons} (${row.ref})`} placeholder={reasons.length ? undefined : m.reasonsPlaceholder} size="xs" data={REASON_OPTIONS} value={reasons} onChange={(values) => setReasons(values as InclusionReason[])} comboboxProps={{ withinPortal: true }} data-testid="soa-reasons" />
      ) : null}
      <TextInput
        aria-label={row.applicable ? m.justificationLabel(row.ref) : m.exclusionLabel(row.ref)}
        placeholder={row.applicable ? m.justificationPlaceholder : undefined}
        size="xs"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') submit();
          if (event.key === 'Escape') onDone();
        }}
        data-autofocus
        data-testid="soa-justification"
      />
      <Group gap={4}>
        <Button size="compact-xs" onClick={submit} loading={isPending} data-testid="soa-justification-save">
          {m.save}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={onDone} disabled={isPending}>
          {uiMessages.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

/** The open risks whose treatment selected a control satisfying this row, each linked to the risk, with its current level. */
function RisksCell({ row, canOpen }: { row: TSoaRow; canOpen: boolean }) {
  if (row.risks.length === 0) return <Text size="sm" c="dimmed">{m.noRisks}</Text>;
  return (
    <Stack gap={4} data-testid="soa-risks">
      {row.risks.map((risk) => (
        <Group key={risk.id} gap={4} wrap="nowrap" align="flex-start">
          {canOpen ? (
            <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId: risk.organizationId, riskId: risk.id }} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }} title={risk.title} aria-label={m.riskLink(risk.ref, risk.title)} data-testid="soa-risk-link">
              {risk.ref}
            </RouterAnchor>
          ) : (
            <Text size="sm" ff="monospace" title={risk.title}>{risk.ref}</Text>
          )}
          {risk.level ? (
            <Badge size="xs" autoContrast color={risk.level.colour} styles={{ label: { textTransform: 'none' } }} data-testid="soa-risk-level" data-level={risk.level.key}>
              {risk.level.label}
            </Badge>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}

function ControlsCell({ row, orgId }: { row: TSoaRow; orgId: string }) {
  if (row.controls.length === 0) return <Text size="sm" c="dimmed">{m.noControls}</Text>;
  return (
    <Stack gap={2}>
      {row.controls.map((control) => (
        <div key={control.id}>
          <Text size="sm" lineClamp={2}>
            <Anchor href={`/o/${encodeURIComponent(orgId)}/controls/${encodeURIComponent(control.id)}`} size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="soa-control-link">
              {control.code}
            </Anchor>{' '}
            {control.name}
          </Text>
          {control.inherited ? (
            <Text size="xs" c="grape.9" data-testid="soa-control-inherited">
              {m.inherited(control.organizationName)}
            </Text>
          ) : null}
        </div>
      ))}
    </Stack>
  );
}

export function SoaTable({ orgId, rows, isEditable, risksAvailable, caption }: { orgId: string; rows: TSoaRow[]; isEditable: boolean; risksAvailable: boolean; caption: string }) {
  const queryClient = useQueryClient();
  const canOpenRisks = hasPermission(useCurrentOrg().membership, 'risk.read');
  const [excluding, setExcluding] = useState<TSoaRow | null>(null);
  const [overriding, setOverriding] = useState<TSoaRow | null>(null);
  const mutation = useMutation({
    mutationFn: ({ ref, body }: { ref: string; body: TUpdateSoaEntryRequest }) => updateEntry(orgId, ref, body),
    onSuccess: async () => {
      await invalidateSoa(queryClient, orgId);
    },
  });
  const [editing, setEditing] = useState<string | null>(null);
  const save: Save = (row, body, onSaved) =>
    mutation.mutate(
      { ref: row.ref, body },
      { onSuccess: () => onSaved?.(), onError: (error) => notifications.show({ color: 'red', title: row.ref, message: errorMessage(error) }) },
    );
  const dialogSave = (row: TSoaRow, body: TUpdateSoaEntryRequest, close: () => void) => mutation.mutate({ ref: row.ref, body }, { onSuccess: close });

  return (
    <Paper withBorder radius="md">
      {risksAvailable ? null : (
        <Text size="xs" c="dimmed" px="sm" pt="xs" data-testid="soa-risks-note">
          {m.risksNote}
        </Text>
      )}
      <Table.ScrollContainer minWidth={1100} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover data-testid="soa-table" aria-busy={mutation.isPending ? 'true' : 'false'}>
          <TableCaption>{caption}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={64}>{m.columns.ref}</Table.Th>
              <Table.Th scope="col" w={190}>{m.columns.control}</Table.Th>
              <Table.Th scope="col" w={84}>{m.columns.applicable}</Table.Th>
              <Table.Th scope="col" miw={260}>{m.columns.justification}</Table.Th>
              <Table.Th scope="col" w={200}>{m.columns.status}</Table.Th>
              <Table.Th scope="col" miw={220}>{m.columns.controls}</Table.Th>
              {risksAvailable ? <Table.Th scope="col" w={150}>{m.columns.risks}</Table.Th> : null}
              <Table.Th scope="col" w={90}>
                <Tooltip label={m.evidenceHint} withArrow multiline w={220}>
                  <span>{m.columns.evidence}</span>
                </Tooltip>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.ref} data-testid="soa-row" data-ref={row.ref}>
                <Table.Td>
                  <Text size="sm" fw={700} ff="monospace">{row.ref}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.title}</Text>
                  {row.theme ? <Text size="xs" c="dimmed">{ANNEX_A_THEME_LABELS[row.theme]}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {isEditable ? (
                    <Switch
                      aria-label={m.applicableSwitch(row.ref)}
                      checked={row.applicable}
                      onChange={(event) => (event.currentTarget.checked ? save(row, { applicable: true }) : setExcluding(row))}
                      label={row.applicable ? m.yes : m.no}
                      data-testid="soa-applicable"
                    />
                  ) : (
                    <Text size="sm" fw={row.applicable ? undefined : 700}>{row.applicable ? m.yes : m.no}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {editing === row.ref ? (
                    <JustificationEditor row={row} onSave={save} onDone={() => setEditing(null)} isPending={mutation.isPending} />
                  ) : (
                    <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
                      <JustificationText row={row} />
                      {isEditable ? (
                        <ActionIcon variant="subtle" size="sm" aria-label={m.editJustification(row.ref)} onClick={() => setEditing(row.ref)} data-testid="soa-edit-justification">
                          <IconPencil size={14} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <StatusBadge status={row.effectiveStatus} derived={row.derivedStatus} isOverride={Boolean(row.applicable && row.statusOverride)} />
                    {isEditable && row.applicable ? (
                      <ActionIcon variant="subtle" size="sm" aria-label={m.overrideTitle(row.ref)} title={m.override} onClick={() => setOverriding(row)} data-testid="soa-override">
                        <IconAdjustments size={14} aria-hidden />
                      </ActionIcon>
                    ) : null}
                  </Group>
                  {row.applicable && row.statusOverride && row.overrideReason ? <Text size="xs" c="dimmed" mt={2}>{row.overrideReason}</Text> : null}
                </Table.Td>
                <Table.Td>
                  <ControlsCell row={row} orgId={orgId} />
                </Table.Td>
                {risksAvailable ? (
                  <Table.Td>
                    <RisksCell row={row} canOpen={canOpenRisks} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Text size="sm" c={row.evidence.expired > 0 ? 'red.9' : undefined} data-testid="soa-evidence">
                    {m.evidence(row.evidence.current, row.evidence.expired)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {excluding ? (
        <ExcludeDialog
          key={excluding.ref}
          row={excluding}
          isPending={mutation.isPending}
          error={mutation.error}
          onClose={() => {
            mutation.reset();
            setExcluding(null);
          }}
          onSubmit={(justification) => dialogSave(excluding, { applicable: false, exclusionJustification: justification }, () => setExcluding(null))}
        />
      ) : null}
      {overriding ? (
        <OverrideDialog
          key={overriding.ref}
          row={overriding}
          isPending={mutation.isPending}
          error={mutation.error}
          onClose={() => {
            mutation.reset();
            setOverriding(null);
          }}
          onSubmit={(status: OverrideStatus | null, reason: string | null) => dialogSave(overriding, { statusOverride: status, overrideReason: reason }, () => setOverriding(null))}
        />
      ) : null}
    </Paper>
  );
}
