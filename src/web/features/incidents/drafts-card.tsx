/**
 * One notification draft (164.404(c), 164.406, 164.408; GDPR Art. 33(3)): its progress draft → reviewed
 * → sent, its text (editable only while a draft), review, and "mark sent", which records the
 * communication and fulfils the matching obligation. The text can be copied or downloaded.
 */
import { Badge, Button, CopyButton, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleCheck, IconCircleDashed, IconClipboard, IconDownload, IconPointFilled, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { instantOfLocalDateTime, localDateTimeOf } from '../../../shared/breach-clock.js';
import {
  COMMUNICATION_CHANNEL_LABELS,
  COMMUNICATION_CHANNELS,
  DRAFT_KIND_LABELS,
  DRAFT_STATES,
  type DraftKind,
  type TIncident,
  type TIncidentObligation,
  type TNotificationDraft,
} from '../../../shared/contracts/incidents.js';
import { formatDateTime } from '../../kernel/format.js';
import { saveFile } from '../../kernel/download.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { breachKeys, invalidateBreach, reviewDraft, sendDraft, updateDraft } from './breach-api.js';
import { breachMessages } from './breach-messages.js';

const m = breachMessages.drafts;

type Channel = (typeof COMMUNICATION_CHANNELS)[number];
const DEFAULT_CHANNEL: Record<DraftKind, Channel> = { individual_notice: 'letter', hhs_notice: 'portal', media_notice: 'press_release', gdpr_sa_checklist: 'portal' };

export function draftTitle(draft: Pick<TNotificationDraft, 'kind' | 'stateCode'>): string {
  return m.title(DRAFT_KIND_LABELS[draft.kind], draft.stateCode);
}

/** The text file name: the incident's ref, the kind and the State, e.g. INC-2027-004-media_notice-NY.txt. */
export function draftFileName(ref: string, draft: Pick<TNotificationDraft, 'kind' | 'stateCode'>): string {
  return `${[ref, draft.kind, draft.stateCode].filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]/g, '_')}.txt`;
}

function DraftSteps({ state }: { state: TNotificationDraft['state'] }) {
  const current = DRAFT_STATES.indexOf(state);
  return (
    <Group component="ol" gap="lg" aria-label={m.stepsLabel} style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="draft-steps" data-state={state}>
      {DRAFT_STATES.map((step, i) => {
        const isDone = i < current || (step === 'sent' && state === 'sent');
        const isCurrent = i === current && !isDone;
        const Icon = isDone ? IconCircleCheck : isCurrent ? IconPointFilled : IconCircleDashed;
        return (
          <Group component="li" key={step} gap={6} wrap="nowrap" aria-current={isCurrent ? 'step' : undefined}>
            <ThemeIcon size="sm" radius="xl" variant={isDone ? 'filled' : 'light'} color={isDone ? 'green' : isCurrent ? 'blue' : 'gray'} aria-hidden>
              <Icon size={14} />
            </ThemeIcon>
            <Text size="sm" fw={isCurrent ? 700 : 500}>
              {m.steps[step]}
              <VisuallyHidden>{isDone ? ` (${m.stepDone})` : isCurrent ? ` (${m.stepCurrent})` : ''}</VisuallyHidden>
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}

function SendDialog({ opened, draft, timeZone, onClose, onSend }: { opened: boolean; draft: TNotificationDraft; timeZone: string; onClose: () => void; onSend: (body: { sentAt: string; channel: Channel; recipientName: string }) => Promise<void> }) {
  const [sentAt, setSentAt] = useState(() => localDateTimeOf(Date.now(), timeZone));
  const [channel, setChannel] = useState<Channel>(DEFAULT_CHANNEL[draft.kind]);
  const [recipientName, setRecipientName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sentAtError, setSentAtError] = useState<string | undefined>();
  const [isPending, setPending] = useState(false);

  const submit = async () => {
    setError(null);
    const instant = instantOfLocalDateTime(sentAt, timeZone);
    if (instant === null) {
      setSentAtError(`${m.sentAt}: must be a date and time`);
      return;
    }
    setSentAtError(undefined);
    setPending(true);
    try {
      await onSend({ sentAt: new Date(instant).toISOString(), channel, recipientName: recipientName.trim() });
      onClose();
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={m.sendTitle} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md" data-testid="draft-send-dialog">
          <Text size="sm">{m.sendBody}</Text>
          <TextInput type="datetime-local" step={60} required label={m.sentAt} description={m.sentAtHint(timeZone)} value={sentAt} onChange={(event) => setSentAt(event.currentTarget.value)} error={sentAtError} data-testid="draft-sent-at" />
          <NativeSelect label={m.channel} value={channel} onChange={(event) => setChannel(event.currentTarget.value as Channel)} data={COMMUNICATION_CHANNELS.map((value) => ({ value, label: COMMUNICATION_CHANNEL_LABELS[value] }))} data-testid="draft-channel" />
          <TextInput label={m.recipientName} description={m.recipientNameHint} maxLength={300} value={recipientName} onChange={(event) => setRecipientName(event.currentTarget.value)} data-testid="draft-recipient-name" />
          <Text size="sm" c="dimmed">
            {m.sendRecorded}
          </Text>
          {error ? <ErrorState error={error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={isPending}>
              {breachMessages.common.cancel}
            </Button>
            <Button type="submit" loading={isPending} leftSection={<IconSend size={16} aria-hidden />} data-testid="draft-send-confirm">
              {m.confirmSend}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface DraftCardProps {
  orgId: string;
  incident: TIncident;
  draft: TNotificationDraft;
  obligations: TIncidentObligation[];
  canEdit: boolean;
  timeZone: string;
  onChanged: () => void;
}

export function DraftCard({ orgId, incident, draft, obligations, canEdit, timeZone, onChanged }: DraftCardProps) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState(draft.body);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<'review' | 'send' | null>(null);
  const [reviewError, setReviewError] = useState<unknown>(null);
  const [isReviewing, setReviewing] = useState(false);
  const title = draftTitle(draft);
  const isEditable = canEdit && draft.state === 'draft';
  const isDirty = body !== draft.body;
  const fulfilled = draft.communicationId ? obligations.find((o) => o.communication?.id === draft.communicationId) : undefined;

  const applyResult = async (result: TNotificationDraft) => {
    queryClient.setQueryData<TNotificationDraft[]>(breachKeys.drafts(orgId, incident.id), (current) => current?.map((d) => (d.id === result.id ? result : d)));
    await invalidateBreach(queryClient, orgId);
    onChanged();
  };

  const saveBody = async () => {
    setError(null);
    setBodyError(undefined);
    if (body.trim() === '') {
      setBodyError(`${m.body(DRAFT_KIND_LABELS[draft.kind])}: is required`);
      return;
    }
    setSaving(true);
    try {
      await applyResult(await updateDraft(orgId, incident.id, draft.id, { body }));
      notifications.show({ color: 'green', message: m.bodySaved });
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const review = async () => {
    setReviewError(null);
    setReviewing(true);
    try {
      await applyResult(await reviewDraft(orgId, incident.id, draft.id));
      setDialog(null);
    } catch (cause) {
      setReviewError(cause);
    } finally {
      setReviewing(false);
    }
  };

  const send = async (request: { sentAt: string; channel: Channel; recipientName: string }) => {
    await applyResult(await sendDraft(orgId, incident.id, draft.id, request));
    notifications.show({ color: 'green', message: m.sentToast });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} data-testid={`draft-${draft.kind}${draft.stateCode ? `-${draft.stateCode}` : ''}`} data-state={draft.state}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Title order={3} fz="md">
            {title}
          </Title>
          <DraftSteps state={draft.state} />
        </Group>
        <Text size="xs" c="dimmed">
          {m.createdMeta(draft.createdBy?.name ?? null, formatDateTime(draft.createdAt, timeZone))}
          {draft.reviewedAt ? ` ${m.reviewed(draft.reviewedBy?.name ?? null, formatDateTime(draft.reviewedAt, timeZone))}` : ''}
        </Text>
        {isEditable ? (
          <Textarea
            label={m.body(DRAFT_KIND_LABELS[draft.kind])}
            description={m.bodyHint}
            autosize
            minRows={8}
            maxRows={30}
            value={body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              setBodyError(undefined);
            }}
            error={bodyError}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="draft-body"
          />
        ) : (
          <Textarea label={m.body(DRAFT_KIND_LABELS[draft.kind])} autosize minRows={4} maxRows={30} value={draft.body} readOnly styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} data-testid="draft-body" />
        )}
        {draft.state === 'sent' ? (
          <Stack gap={4} data-testid="draft-sent">
            <Text size="sm">{m.sent(formatDateTime(fulfilled?.communication?.sentAt ?? draft.updatedAt, timeZone))}</Text>
            {fulfilled ? (
              <Badge color="green" variant="light" tt="none" leftSection={<IconCircleCheck size={14} aria-hidden />} h="auto" py={4} styles={{ label: { whiteSpace: 'normal' } }} data-testid="draft-fulfils" data-obligation={fulfilled.id}>
                {m.fulfils(fulfilled.rule)}
              </Badge>
            ) : (
              <Text size="xs" c="dimmed">
                {m.noObligation}
              </Text>
            )}
          </Stack>
        ) : null}
        {error ? <ErrorState error={error} /> : null}
        <Group gap="sm" wrap="wrap">
          {isEditable ? (
            <Button variant="default" onClick={() => void saveBody()} loading={isSaving} disabled={!isDirty} data-testid="draft-save">
              {m.saveBody}
            </Button>
          ) : null}
          {canEdit && draft.state === 'draft' ? (
            <Button variant="light" onClick={() => setDialog('review')} disabled={isDirty} leftSection={<IconCheck size={16} aria-hidden />} data-testid="draft-review">
              {m.markReviewed}
            </Button>
          ) : null}
          {canEdit && draft.state === 'reviewed' ? (
            <Button onClick={() => setDialog('send')} leftSection={<IconSend size={16} aria-hidden />} data-testid="draft-send">
              {m.markSent}
            </Button>
          ) : null}
          <CopyButton value={isEditable ? body : draft.body}>
            {({ copied, copy }) => (
              <Button variant="subtle" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconClipboard size={16} aria-hidden />} data-testid="draft-copy">
                {copied ? m.copied : m.copy}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="subtle"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => saveFile({ fileName: draftFileName(incident.ref, draft), content: isEditable ? body : draft.body, type: 'text/plain;charset=utf-8' })}
            data-testid="draft-download"
          >
            {m.download}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog opened={dialog === 'review'} title={m.reviewTitle} recorded={m.reviewRecorded} confirmLabel={m.markReviewed} isPending={isReviewing} error={reviewError} onConfirm={() => void review()} onClose={() => setDialog(null)} testId="draft-review-dialog">
        {m.reviewBody}
      </ConfirmDialog>
      {dialog === 'send' ? <SendDialog opened draft={draft} timeZone={timeZone} onClose={() => setDialog(null)} onSend={send} /> : null}
    </Paper>
  );
}
