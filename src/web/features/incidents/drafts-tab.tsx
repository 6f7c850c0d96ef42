/**
 * Notification drafts of an incident (issue 6 item 6): letters written by us and filled from the incident
 * — the individual notice with the elements of 164.404(c), the HHS (164.408) and media (164.406, per
 * State) notices, and the GDPR Art. 33(3) checklist for the supervisory authority. Creating and changing
 * them needs incident.assess; everyone who can read the incident can read, copy and download them.
 */
import { Alert, Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePlus, IconInfoCircle, IconLock, IconMail } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DRAFT_KIND_LABELS, DRAFT_KINDS, type DraftKind, type TCreateDraftRequest, type TIncident, type TNotificationDraft } from '../../../shared/contracts/incidents.js';
import { isApiError } from '../../kernel/api-client.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { breachKeys, createDraft, draftsQuery, invalidateBreach, obligationsQuery } from './breach-api.js';
import { breachMessages } from './breach-messages.js';
import { DraftCard } from './drafts-card.js';

const m = breachMessages.drafts;

export interface DraftsTabProps {
  orgId: string;
  incident: TIncident;
  onChanged: () => void;
}

/** The States with affected residents, most residents first (a media notice is per State, 164.406). */
export function residentStates(individualsByState: Record<string, number>): { code: string; residents: number }[] {
  return Object.entries(individualsByState)
    .filter(([, residents]) => residents > 0)
    .map(([code, residents]) => ({ code, residents }))
    .sort((a, b) => b.residents - a.residents || a.code.localeCompare(b.code));
}

function CreateDraftForm({ orgId, incident, onChanged }: DraftsTabProps) {
  const queryClient = useQueryClient();
  const states = residentStates(incident.individualsByState);
  const [kind, setKind] = useState<DraftKind>('individual_notice');
  const [stateCode, setStateCode] = useState(states[0]?.code ?? '');
  const [error, setError] = useState<unknown>(null);
  const [stateError, setStateError] = useState<string | undefined>();
  const [isPending, setPending] = useState(false);
  const isMedia = kind === 'media_notice';

  const create = async () => {
    setError(null);
    setStateError(undefined);
    if (isMedia && !stateCode) {
      setStateError(`${m.state}: is required for a media notice (164.406: per State or jurisdiction)`);
      return;
    }
    setPending(true);
    try {
      const draft = await createDraft(orgId, incident.id, { kind, stateCode: isMedia ? (stateCode as TCreateDraftRequest['stateCode']) : null });
      queryClient.setQueryData<TNotificationDraft[]>(breachKeys.drafts(orgId, incident.id), (current) => (current ? [...current, draft] : [draft]));
      await invalidateBreach(queryClient, orgId);
      notifications.show({ color: 'green', message: m.created });
      onChanged();
    } catch (cause) {
      const issue = isApiError(cause) ? cause.issues.find((i) => i.path.endsWith('stateCode')) : undefined;
      if (issue) setStateError(`${m.state}: ${issue.message}`);
      else setError(cause);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <Fieldset legend={m.createLegend} data-testid="draft-create">
        <Stack gap="sm">
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect label={m.kind} value={kind} onChange={(event) => setKind(event.currentTarget.value as DraftKind)} data={DRAFT_KINDS.map((value) => ({ value, label: DRAFT_KIND_LABELS[value] }))} data-testid="draft-kind" />
            {isMedia && states.length > 0 ? (
              <NativeSelect
                label={m.state}
                description={m.stateHint}
                required
                value={stateCode}
                onChange={(event) => {
                  setStateCode(event.currentTarget.value);
                  setStateError(undefined);
                }}
                data={states.map((s) => ({ value: s.code, label: m.residents(s.code, s.residents) }))}
                error={stateError}
                data-testid="draft-state"
              />
            ) : null}
            <Button type="submit" loading={isPending} disabled={isMedia && states.length === 0} leftSection={<IconFilePlus size={16} aria-hidden />} data-testid="draft-create-submit">
              {m.create}
            </Button>
          </Group>
          {isMedia && states.length === 0 ? (
            <Text size="sm" data-testid="draft-no-states">
              {m.noStates}
            </Text>
          ) : null}
          {error ? <ErrorState error={error} /> : null}
        </Stack>
      </Fieldset>
    </form>
  );
}

export function DraftsTab({ orgId, incident, onChanged }: DraftsTabProps) {
  const { membership } = useCurrentOrg();
  const timeZone = membership.timeZone || 'UTC';
  const isArchived = incident.archivedAt !== null;
  const canEdit = hasPermission(membership, 'incident.assess') && !isArchived;
  const drafts = useQuery(draftsQuery(orgId, incident.id));
  const obligations = useQuery(obligationsQuery(orgId, incident.id));

  return (
    <Stack gap="md" maw={1100} data-testid="drafts-tab">
      <Text size="sm" c="dimmed">
        {m.intro}
      </Text>
      {isArchived ? (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
          {breachMessages.common.archived}
        </Alert>
      ) : canEdit ? (
        <CreateDraftForm orgId={orgId} incident={incident} onChanged={onChanged} />
      ) : (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {m.readOnly}
        </Alert>
      )}
      {drafts.isPending ? <LoadingState rows={4} /> : null}
      {drafts.isError ? <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      {drafts.data && drafts.data.length === 0 ? <EmptyState title={m.empty} description={m.emptyBody} icon={<IconMail size={28} stroke={1.5} aria-hidden />} testId="drafts-empty" /> : null}
      {drafts.data?.map((draft) => (
        // A changed draft (saved here or elsewhere) restarts its editor from what is stored.
        <DraftCard key={`${draft.id}:${draft.updatedAt}`} orgId={orgId} incident={incident} draft={draft} obligations={obligations.data?.obligations ?? []} canEdit={canEdit} timeZone={timeZone} onChanged={onChanged} />
      ))}
    </Stack>
  );
}
