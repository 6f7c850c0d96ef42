/** Two-factor authentication under My account: status, enrolment, new recovery codes, removal. */
import { Badge, Button, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZMfaConfirmRequest, ZMfaDisableRequest } from '../../../shared/contracts/account.js';
import { useContractForm } from '../../kernel/form.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { useSession } from '../auth/index.js';
import { disableMfa, regenerateRecoveryCodes } from './account-api.js';
import { MfaEnrolment } from './mfa-enrolment.js';
import { accountMessages as m } from './messages.js';
import { RecoveryCodes } from './recovery-codes.js';

function RegenerateForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const form = useContractForm({ initialValues: { code: '' }, schema: ZMfaConfirmRequest, labels: { code: m.mfaCode } });
  const submit = form.onSubmit(async (request) => {
    const result = await regenerateRecoveryCodes(request);
    form.reset({ code: '' });
    onCodes(result.recoveryCodes);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={360}>
        <Title order={3} fz="md">
          {m.regenerateTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {m.regenerateIntro}
        </Text>
        <TextInput {...form.textProps('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group>
          <Button type="submit" variant="default" loading={form.isSubmitting}>
            {m.regenerate}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const form = useContractForm({ initialValues: { password: '', code: '' }, schema: ZMfaDisableRequest, labels: { password: m.password, code: m.mfaCode } });
  const submit = form.onSubmit(async (request) => {
    await disableMfa(request);
    form.reset({ password: '', code: '' });
    onDisabled();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={360}>
        <Title order={3} fz="md">
          {m.disableTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {m.disableIntro}
        </Text>
        <PasswordInput {...form.textProps('password')} autoComplete="current-password" required />
        <TextInput {...form.textProps('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group>
          <Button type="submit" color="red" variant="outline" loading={form.isSubmitting} data-testid="mfa-disable">
            {m.disable}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MfaSection() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const isOn = session.user.mfaEnabled;
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: queryKeys.session });

  return (
    <Paper withBorder radius="md" p="lg" data-testid="mfa-section">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} maw={640}>
            <Title order={2} fz="lg">
              {m.mfaTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.mfaIntro}
            </Text>
          </Stack>
          <Badge
            size="lg"
            variant="light"
            color={isOn ? 'green' : 'gray'}
            leftSection={isOn ? <IconShieldCheck size={14} aria-hidden /> : <IconShieldOff size={14} aria-hidden />}
            data-testid="mfa-status"
          >
            {m.mfaStatus}: {isOn ? m.mfaOn : m.mfaOff}
          </Badge>
        </Group>
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
        ) : isOn ? (
          <>
            <Text size="sm">{m.mfaOnText}</Text>
            <Divider />
            <RegenerateForm onCodes={setCodes} />
            <Divider />
            <DisableForm
              onDisabled={() => {
                notifications.show({ color: 'green', message: m.disabled });
                void refreshSession();
              }}
            />
          </>
        ) : (
          <>
            <Text size="sm">{m.mfaOffText}</Text>
            <MfaEnrolment
              onConfirmed={(recoveryCodes) => {
                setCodes(recoveryCodes);
                notifications.show({ color: 'green', message: m.mfaEnabled });
                void refreshSession();
              }}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
