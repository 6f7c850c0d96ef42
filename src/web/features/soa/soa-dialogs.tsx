/**
 * The SoA's small dialogs: exclusion (its justification is required), status override (with its reason),
 * publishing and approving a version. Legally significant actions say what the audit trail records.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { IMPLEMENTATION_STATUS_LABELS, OVERRIDE_STATUSES, type OverrideStatus } from '../../../shared/compliance.js';
import type { TSoaRow, TSoaVersionSummary } from '../../../shared/contracts/soa.js';
import { isApiError } from '../../kernel/api-client.js';
import { ErrorState } from '../../ui/error-state.js';
import { uiMessages } from '../../ui/messages.js';
import { soaMessages as m } from './messages.js';

/** The API's message for one field (`body.field: problem`), to show under that input. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.issues.find((issue) => issue.path === `body.${field}`)?.message;
}

interface Pending {
  isPending: boolean;
  error: unknown;
}

export function ExcludeDialog({ row, onSubmit, onClose, isPending, error }: { row: TSoaRow | null; onSubmit: (justification: string) => void; onClose: () => void } & Pending) {
  const [text, setText] = useState('');
  const problem = fieldProblem(error, 'exclusionJustification');
  return (
    <Modal opened={row !== null} onClose={onClose} title={row ? m.excludeTitle(row.ref) : ''} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(text);
        }}
        data-testid="soa-exclude-form"
      >
        <Stack gap="md">
          <Text size="sm">{m.excludeBody}</Text>
          <Textarea label={m.excludeField} withAsterisk autosize minRows={3} value={text} onChange={(event) => setText(event.currentTarget.value)} error={problem} data-autofocus data-testid="soa-exclusion-text" />
          {error && !problem ? <ErrorState error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={isPending}>
              {uiMessages.cancel}
            </Button>
            <Button type="submit" loading={isPending} data-testid="soa-exclude-confirm">
              {m.exclude}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const isOverrideStatus = (value: string | null | undefined): value is OverrideStatus => (OVERRIDE_STATUSES as readonly (string | null | undefined)[]).includes(value);

/** "Not applicable" is no override (ISO 27001 6.1.3 d): a control leaves the scope only by exclusion with a justification. */
export function OverrideDialog({ row, onSubmit, onClose, isPending, error }: { row: TSoaRow | null; onSubmit: (status: OverrideStatus | null, reason: string | null) => void; onClose: () => void } & Pending) {
  const [status, setStatus] = useState<string>(isOverrideStatus(row?.statusOverride) ? row.statusOverride : '');
  const [reason, setReason] = useState(row?.overrideReason ?? '');
  return (
    <Modal opened={row !== null} onClose={onClose} title={row ? m.overrideTitle(row.ref) : ''} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(isOverrideStatus(status) ? status : null, reason.trim() || null);
        }}
        data-testid="soa-override-form"
      >
        <Stack gap="md">
          <Text size="sm">{m.overrideBody}</Text>
          {row ? <Text size="sm" c="dimmed">{m.derived(IMPLEMENTATION_STATUS_LABELS[row.derivedStatus])}</Text> : null}
          <NativeSelect
            label={m.overrideStatus}
            value={status}
            data={[{ value: '', label: '—' }, ...OVERRIDE_STATUSES.map((s) => ({ value: s, label: IMPLEMENTATION_STATUS_LABELS[s] }))]}
            onChange={(event) => setStatus(event.currentTarget.value)}
            error={fieldProblem(error, 'statusOverride')}
            data-testid="soa-override-status"
          />
          <Textarea label={m.overrideReason} autosize minRows={2} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={fieldProblem(error, 'overrideReason')} data-testid="soa-override-reason" />
          {error && !fieldProblem(error, 'statusOverride') && !fieldProblem(error, 'overrideReason') ? <ErrorState error={error} /> : null}
          <Group justify="space-between">
            {row?.statusOverride ? (
              <Button variant="subtle" color="red" onClick={() => onSubmit(null, null)} disabled={isPending}>
                {m.removeOverride}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose} disabled={isPending}>
                {uiMessages.cancel}
              </Button>
              <Button type="submit" loading={isPending} data-testid="soa-override-save">
                {m.save}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Publish or approve: what happens, what is recorded, an optional note. */
export function VersionActionDialog(props: { opened: boolean; title: string; body: string; recorded: string; noteLabel: string; confirmLabel: string; onSubmit: (note: string | null) => void; onClose: () => void; testId: string } & Pending) {
  const [note, setNote] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="md" data-testid={props.testId}>
        <Text size="sm">{props.body}</Text>
        <Text size="sm" c="dimmed">
          {props.recorded}
        </Text>
        <Textarea label={props.noteLabel} placeholder={m.publishNotePlaceholder} autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} data-testid={`${props.testId}-note`} />
        {props.error ? <ErrorState error={props.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} disabled={props.isPending}>
            {uiMessages.cancel}
          </Button>
          <Button onClick={() => props.onSubmit(note.trim() || null)} loading={props.isPending} data-testid={`${props.testId}-confirm`}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function approveDialogText(version: TSoaVersionSummary) {
  return { title: m.approveTitle(version.number), body: m.approveBody(version.number, version.publishedBy.name), recorded: m.approveRecorded };
}
