/** Create an API token: one organization, permissions I hold there, an expiry; the secret is shown once. */
import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZCreateApiTokenRequest } from '../../../shared/contracts/account.js';
import { PERMISSIONS, type Permission } from '../../../shared/permissions.js';
import { useContractForm } from '../../kernel/form.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { SecretReveal } from '../../ui/secret-reveal.js';
import { orderedMemberships, useSession } from '../auth/index.js';
import { createToken } from './account-api.js';
import { accountMessages as m } from './messages.js';

const LABELS = { name: m.tokenName, organizationId: m.tokenOrganization, permissions: m.tokenPermissions, expiresInDays: m.tokenExpiry };

function permissionLabel(permission: string): string {
  return permission in PERMISSIONS ? PERMISSIONS[permission as Permission] : permission;
}

function CreateTokenForm({ initialOrgId, onCreated, onCancel }: { initialOrgId: string; onCreated: (token: string) => void; onCancel: () => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const options = orderedMemberships(session.memberships);
  const form = useContractForm({
    initialValues: { name: '', organizationId: initialOrgId, permissions: [] as string[], expiresInDays: 90 as number | string },
    schema: ZCreateApiTokenRequest,
    labels: LABELS,
  });
  const membership = session.memberships.find((item) => item.organizationId === form.values.organizationId);
  const allowed = membership?.permissions ?? [];

  const submit = form.onSubmit(async (request) => {
    const result = await createToken(request);
    await queryClient.invalidateQueries({ queryKey: queryKeys.accountTokens });
    onCreated(result.token);
  });

  return (
    <form onSubmit={submit} noValidate data-testid="create-token-form">
      <Stack gap="md">
        <TextInput {...form.textProps('name')} description={m.tokenNameHint} required data-autofocus data-testid="token-name" />
        <NativeSelect
          label={LABELS.organizationId}
          required
          value={form.values.organizationId}
          error={form.errors.organizationId}
          data={options.map(({ membership: item, depth }) => ({ value: item.organizationId, label: `${'\u00a0\u00a0'.repeat(depth)}${item.organizationName}` }))}
          onChange={(event) => {
            const next = event.currentTarget.value;
            const nextAllowed = session.memberships.find((item) => item.organizationId === next)?.permissions ?? [];
            form.setValue('organizationId', next);
            form.setValue(
              'permissions',
              form.values.permissions.filter((p) => nextAllowed.includes(p)),
            );
          }}
          data-testid="token-organization"
        />
        <Checkbox.Group
          label={LABELS.permissions}
          description={m.tokenPermissionsHint}
          required
          value={form.values.permissions}
          onChange={(value) => form.setValue('permissions', value)}
          error={form.errors.permissions}
        >
          <Stack gap={6} mt="xs">
            {allowed.map((permission) => (
              <Checkbox
                key={permission}
                value={permission}
                label={
                  <>
                    <Text span size="sm" ff="monospace">
                      {permission}
                    </Text>{' '}
                    — {permissionLabel(permission)}
                  </>
                }
                data-testid={`token-permission-${permission}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput
          label={LABELS.expiresInDays}
          description={m.tokenExpiryHint}
          required
          min={1}
          max={366}
          allowDecimal={false}
          value={form.values.expiresInDays}
          error={form.errors.expiresInDays}
          onChange={(value) => form.setValue('expiresInDays', value === '' ? '' : Number(value))}
          w={220}
        />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={form.isSubmitting}>
            {m.mfaCancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="token-create-submit">
            {m.createToken}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreateTokenDialog({ opened, initialOrgId, onClose }: { opened: boolean; initialOrgId: string; onClose: () => void }) {
  const [token, setToken] = useState<string | null>(null);
  const close = () => {
    setToken(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={token ? m.tokenCreated : m.createToken} size="lg" centered>
      {token ? (
        <Stack gap="md">
          <SecretReveal title={m.tokenCreated} value={token} copyLabel={m.tokenCopy} testId="token-secret" />
          <Group justify="flex-end">
            <Button onClick={close}>{m.done}</Button>
          </Group>
        </Stack>
      ) : (
        <CreateTokenForm initialOrgId={initialOrgId} onCreated={setToken} onCancel={close} />
      )}
    </Modal>
  );
}
