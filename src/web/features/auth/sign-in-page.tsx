/**
 * Sign-in (A.8.5 secure authentication; 45 CFR 164.312(d)): password, then a TOTP or recovery code when
 * the account has two-factor authentication. Lock-outs and rate limits are explained, not hidden.
 */
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconInfoCircle, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ZLoginRequest, ZLoginResponse, ZMfaRequest, type TLoginResponse } from '../../../shared/contracts/auth.js';
import { apiRequest, setCsrfToken, type ApiError } from '../../kernel/api-client.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState, sentence } from '../../ui/error-state.js';
import { authMessages as m } from './messages.js';

const route = getRouteApi('/sign-in');

/** Only same-site paths: a crafted link must not send someone elsewhere after signing in. */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/sign-in')) return '/';
  return target;
}

function SignInError({ error, step }: { error: ApiError; step: 'password' | 'mfa' }) {
  if (error.code === 'locked') return <ErrorState error={error} title={m.lockedTitle} testId="sign-in-error" />;
  if (error.code === 'rate_limited') return <ErrorState error={error} title={m.rateLimitedTitle} testId="sign-in-error" />;
  if (step === 'mfa' && error.code === 'invalid_credentials') {
    return (
      <Alert color="red" variant="light" title={m.failedTitle} role="alert" data-testid="sign-in-error">
        {m.codeRefused}
      </Alert>
    );
  }
  return <ErrorState error={error} title={m.failedTitle} testId="sign-in-error" />;
}

function PasswordStep({ onDone }: { onDone: (result: TLoginResponse) => void }) {
  const form = useContractForm({ initialValues: { email: '', password: '' }, schema: ZLoginRequest, labels: { email: m.email, password: m.password } });
  const submit = form.onSubmit(async (request) => {
    const result = await apiRequest('/auth/login', { method: 'POST', body: request, schema: ZLoginResponse });
    onDone(result);
  });
  return (
    <form onSubmit={submit} noValidate data-testid="sign-in-form">
      <Stack gap="md">
        <TextInput {...form.textProps('email')} type="email" autoComplete="username" required autoFocus data-testid="sign-in-email" />
        <PasswordInput {...form.textProps('password')} autoComplete="current-password" required data-testid="sign-in-password" />
        {form.formError ? <SignInError error={form.formError} step="password" /> : null}
        <Button type="submit" fullWidth loading={form.isSubmitting} data-testid="sign-in-submit">
          {m.signIn}
        </Button>
      </Stack>
    </form>
  );
}

function MfaStep({ challengeId, onDone, onRestart }: { challengeId: string; onDone: (result: TLoginResponse) => void; onRestart: () => void }) {
  const form = useContractForm({
    initialValues: { code: '' },
    schema: ZMfaRequest,
    labels: { code: m.mfaCode },
    toRequest: (values) => ({ challengeId, code: values.code }),
  });
  const isExpired = form.formError?.code === 'invalid_credentials' && /expired/i.test(form.formError.message);
  const submit = form.onSubmit(async (request) => {
    const result = await apiRequest('/auth/mfa', { method: 'POST', body: request, schema: ZLoginResponse });
    onDone(result);
  });
  return (
    <form onSubmit={submit} noValidate data-testid="mfa-form">
      <Stack gap="md">
        <Text size="sm">{m.mfaIntro}</Text>
        <TextInput {...form.textProps('code')} description={m.mfaCodeHint} autoComplete="one-time-code" inputMode="text" required autoFocus data-testid="mfa-code" />
        {form.formError && isExpired ? (
          <Alert color="orange" variant="light" title={m.expiredTitle} role="alert" data-testid="sign-in-error">
            {sentence(form.formError.message)}
          </Alert>
        ) : form.formError ? (
          <SignInError error={form.formError} step="mfa" />
        ) : null}
        <Button type="submit" fullWidth loading={form.isSubmitting} data-testid="mfa-submit">
          {m.verify}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onRestart} ta="center">
          {m.startAgain}
        </Anchor>
      </Stack>
    </form>
  );
}

export function SignInPage() {
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [challengeId, setChallengeId] = useState<string | null>(null);

  const finish = (result: TLoginResponse) => {
    if (result.status === 'mfa_required') {
      setChallengeId(result.challengeId);
      return;
    }
    setCsrfToken(result.csrfToken);
    queryClient.clear();
    router.history.push(safeRedirect(search.redirect));
  };

  const notice = search.reason === 'signed_out' ? m.signedOut : search.reason === 'expired' ? m.sessionEnded : null;

  return (
    <Box component="main" bg="gray.0" mih="100vh">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Group gap="sm" justify="center">
            <ThemeIcon size={44} radius="md" variant="filled" aria-hidden>
              <IconShieldCheck size={26} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={800} fz={24} lh={1.1}>
                {m.productName}
              </Text>
              <Text size="sm" c="dimmed">
                {m.tagline}
              </Text>
            </Stack>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="md">
              <Group gap="xs">
                <IconLock size={20} aria-hidden />
                <Title order={1} fz={22} data-testid="page-title">
                  {challengeId ? m.mfaTitle : m.signInTitle}
                </Title>
              </Group>
              {!challengeId ? (
                <Text size="sm" c="dimmed">
                  {m.signInIntro}
                </Text>
              ) : null}
              {notice && !challengeId ? (
                <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} data-testid="sign-in-notice">
                  {notice}
                </Alert>
              ) : null}
              {challengeId ? <MfaStep challengeId={challengeId} onDone={finish} onRestart={() => setChallengeId(null)} /> : <PasswordStep onDone={finish} />}
            </Stack>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {m.loggedNotice}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
