/** Change my password (A.5.17 authentication information). Other sessions end when it changes. */
import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ZChangePasswordRequest } from '../../../shared/contracts/account.js';
import { ApiError } from '../../kernel/api-client.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { useSession } from '../auth/index.js';
import { changePassword } from './account-api.js';
import { accountMessages as m } from './messages.js';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function PasswordSection() {
  const session = useSession();
  const form = useContractForm({
    initialValues: EMPTY,
    schema: ZChangePasswordRequest,
    labels: { currentPassword: m.currentPassword, newPassword: m.newPassword, confirmPassword: m.confirmPassword },
    toRequest: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
  });
  const submit = form.onSubmit(async (request) => {
    if (request.newPassword !== form.values.confirmPassword) {
      throw new ApiError({ code: 'validation_failed', message: m.passwordsDiffer, status: 400, requestId: null, issues: [{ path: 'confirmPassword', message: 'does not match the new password' }] });
    }
    await changePassword(request);
    form.reset(EMPTY);
    notifications.show({ color: 'green', message: m.passwordChanged });
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack gap="md" maw={480}>
          <Title order={2} fz="lg">
            {m.passwordTitle}
          </Title>
          <Text size="sm" c="dimmed">
            {m.passwordIntro}
          </Text>
          {/* For password managers: which account this password belongs to. */}
          <input type="text" name="username" autoComplete="username" value={session.user.email} readOnly hidden />
          <PasswordInput {...form.textProps('currentPassword')} autoComplete="current-password" required />
          <PasswordInput {...form.textProps('newPassword')} autoComplete="new-password" required />
          <PasswordInput {...form.textProps('confirmPassword')} autoComplete="new-password" required />
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting}>
              {m.changePassword}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
