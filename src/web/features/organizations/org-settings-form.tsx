/** Organization settings: name, time zone and mandatory MFA, editable only with the `update` ability. */
import { Alert, Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ZUpdateOrganizationRequest, type TOrganization } from '../../../shared/contracts/organizations.js';
import { supportedTimeZones } from '../../kernel/format.js';
import { useContractForm } from '../../kernel/form.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { useSession } from '../auth/index.js';
import { organizationMessages as m } from './messages.js';
import { updateOrganization } from './organizations-api.js';

const LABELS = { name: m.name, timeZone: m.timeZone, mfaRequired: m.mfaRequired };

export function OrgSettingsForm({ organization }: { organization: TOrganization }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const canEdit = organization.abilities.update;
  const zones = useMemo(() => supportedTimeZones(), []);
  const initial = { name: organization.name, timeZone: organization.timeZone, mfaRequired: organization.mfaRequired };
  const form = useContractForm({
    initialValues: initial,
    schema: ZUpdateOrganizationRequest,
    labels: LABELS,
    // Send only what changed: the audit event then records exactly the change.
    toRequest: (values) => Object.fromEntries(Object.entries(values).filter(([key, value]) => initial[key as keyof typeof initial] !== value)),
  });

  const submit = form.onSubmit(async (request) => {
    const updated = await updateOrganization(organization.id, request);
    form.reset({ name: updated.name, timeZone: updated.timeZone, mfaRequired: updated.mfaRequired });
    queryClient.setQueryData(queryKeys.organization(organization.id), updated);
    await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    notifications.show({ color: 'green', message: m.saved });
  });

  const willRequireOwnEnrolment = form.values.mfaRequired && !organization.mfaRequired && !session.user.mfaEnabled;

  return (
    <Paper withBorder radius="md" p="lg">
      <UnsavedChangesGuard when={form.isDirty} />
      <form onSubmit={submit} noValidate data-testid="org-settings-form">
        <Stack gap="md" maw={560}>
          <Title order={2} fz="lg">
            {m.settingsTitle}
          </Title>
          {!canEdit ? (
            <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
              {m.readOnly}
            </Alert>
          ) : null}
          <TextInput {...form.textProps('name')} required disabled={!canEdit} data-testid="org-name" />
          <Select
            label={LABELS.timeZone}
            description={m.timeZoneHint}
            data={zones}
            searchable
            required
            allowDeselect={false}
            disabled={!canEdit}
            value={form.values.timeZone}
            error={form.errors.timeZone}
            onChange={(value) => form.setValue('timeZone', value ?? organization.timeZone)}
            maxDropdownHeight={280}
            data-testid="org-time-zone"
          />
          <Switch
            label={LABELS.mfaRequired}
            description={m.mfaRequiredHint}
            disabled={!canEdit}
            checked={form.values.mfaRequired}
            error={form.errors.mfaRequired}
            onChange={(event) => form.setValue('mfaRequired', event.currentTarget.checked)}
            data-testid="org-mfa-required"
          />
          {willRequireOwnEnrolment ? (
            <Alert variant="light" color="yellow" icon={<IconInfoCircle aria-hidden />}>
              {m.mfaSelfWarning}
            </Alert>
          ) : null}
          {form.formError ? <ErrorState error={form.formError} /> : null}
          {canEdit ? (
            <>
              <Text size="xs" c="dimmed">
                {m.savedRecorded}
              </Text>
              <Group gap="sm">
                <Button type="submit" loading={form.isSubmitting} disabled={!form.isDirty} data-testid="org-save">
                  {m.save}
                </Button>
                <Button variant="default" disabled={!form.isDirty || form.isSubmitting} onClick={() => form.reset()}>
                  {m.discard}
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
