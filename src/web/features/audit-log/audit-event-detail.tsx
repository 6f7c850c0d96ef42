/** One audit event in full: who, how, when (org zone and UTC), the recorded details and its chained hash. */
import { Anchor, Code, Drawer, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { AUDIT_EVENT_TYPES } from '../../../shared/audit-events.js';
import type { TAuditEvent } from '../../../shared/contracts/audit.js';
import { formatDateTime } from '../../kernel/format.js';
import { AUTH_METHOD_LABELS } from '../auth/index.js';
import { auditMessages as m, SUBJECT_TYPE_LABELS } from './messages.js';

export function eventLabel(type: string): string {
  return type in AUDIT_EVENT_TYPES ? AUDIT_EVENT_TYPES[type as keyof typeof AUDIT_EVENT_TYPES] : type;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

export function AuditEventDetail({ event, timeZone, onClose, onShowSubject }: { event: TAuditEvent | null; timeZone: string; onClose: () => void; onShowSubject: (event: TAuditEvent) => void }) {
  return (
    <Drawer opened={event !== null} onClose={onClose} position="right" size="lg" title={event ? m.detailTitle(event.seq) : ''}>
      {event ? (
        <Stack gap="md" data-testid="audit-event-detail">
          <Field label={m.detail.type}>
            <Text size="sm" fw={600}>
              {eventLabel(event.type)}
            </Text>
            <Code>{event.type}</Code>
          </Field>
          <Field label={m.detail.time}>
            <Text size="sm">
              {formatDateTime(event.occurredAt, timeZone, { seconds: true })} ({timeZone})
            </Text>
            <Text size="xs" c="dimmed">
              {event.occurredAt} ({m.detail.utc})
            </Text>
          </Field>
          <Field label={m.detail.actor}>
            <Text size="sm">{event.actorLabel}</Text>
            {event.actorUserId ? (
              <Text size="xs" c="dimmed" ff="monospace">
                {m.detail.actorId}: {event.actorUserId}
              </Text>
            ) : null}
          </Field>
          <Field label={m.detail.method}>
            <Text size="sm">
              {AUTH_METHOD_LABELS[event.authMethod] ?? event.authMethod} <Code>{event.authMethod}</Code>
            </Text>
          </Field>
          <Field label={m.detail.ip}>
            <Text size="sm">{event.ip ?? '—'}</Text>
          </Field>
          <Field label={m.detail.requestId}>
            <Text size="sm" ff="monospace">
              {event.requestId ?? '—'}
            </Text>
          </Field>
          <Field label={m.detail.subject}>
            {event.subjectType ? (
              <>
                <Text size="sm">
                  {SUBJECT_TYPE_LABELS[event.subjectType] ?? event.subjectType} <Code>{event.subjectId ?? ''}</Code>
                </Text>
                {event.subjectId ? (
                  <Anchor component="button" type="button" size="sm" onClick={() => onShowSubject(event)}>
                    {m.detail.history}
                  </Anchor>
                ) : null}
              </>
            ) : (
              <Text size="sm">—</Text>
            )}
          </Field>
          <Field label={m.detail.changes}>
            {event.changes && Object.keys(event.changes).length > 0 ? (
              <Code block data-testid="audit-event-changes" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {JSON.stringify(event.changes, null, 2)}
              </Code>
            ) : (
              <Text size="sm">{m.detail.noChanges}</Text>
            )}
          </Field>
          <Field label={m.detail.hash}>
            <Code block data-testid="audit-event-hash" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {event.hash}
            </Code>
          </Field>
        </Stack>
      ) : null}
    </Drawer>
  );
}
