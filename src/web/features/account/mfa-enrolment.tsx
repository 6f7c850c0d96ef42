/**
 * TOTP enrolment (A.8.5; 45 CFR 164.312(d)): a new secret as QR code, otpauth link and plain key, then
 * a code from the app to confirm. Used under My account and by the mandatory-enrolment gate.
 */
import { Anchor, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ZMfaConfirmRequest } from '../../../shared/contracts/account.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { CopyIconButton } from '../../ui/secret-reveal.js';
import { confirmMfaEnrolment, startMfaEnrolment } from './account-api.js';
import { accountMessages as m } from './messages.js';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  bytes.forEach((byte) => {
    binary += String.fromCharCode(byte);
  });
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

function ConfirmStep({ enrolment, onConfirmed, onCancel }: { enrolment: Enrolment; onConfirmed: (codes: string[]) => void; onCancel: () => void }) {
  const form = useContractForm({ initialValues: { code: '' }, schema: ZMfaConfirmRequest, labels: { code: m.mfaCode } });
  const submit = form.onSubmit(async (request) => {
    const result = await confirmMfaEnrolment(request);
    onConfirmed(result.recoveryCodes);
  });
  return (
    <Stack gap="md" data-testid="mfa-enrolment">
      <Text size="sm">{m.mfaStep1}</Text>
      <Image src={svgDataUrl(enrolment.qrCodeSvg)} alt={m.mfaQrAlt} w={200} h={200} fit="contain" bg="white" p={6} bd="1px solid var(--mantine-color-gray-3)" radius="sm" data-testid="mfa-qr" />
      <Stack gap={4}>
        <Text size="sm">{m.mfaManual}</Text>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} id="mfa-secret-label">
            {m.mfaSecretLabel}:
          </Text>
          <Code fz="sm" aria-labelledby="mfa-secret-label" data-testid="mfa-secret" style={{ wordBreak: 'break-all' }}>
            {enrolment.secret}
          </Code>
          <CopyIconButton value={enrolment.secret} label={m.mfaSecretLabel} />
        </Group>
        <Text size="sm" fw={600}>
          {m.mfaUriLabel}:
        </Text>
        <Anchor href={enrolment.otpauthUri} size="xs" style={{ wordBreak: 'break-all' }} data-testid="mfa-uri">
          {enrolment.otpauthUri}
        </Anchor>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={320}>
          <Text size="sm">{m.mfaStep2}</Text>
          <TextInput {...form.textProps('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required data-testid="mfa-confirm-code" />
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group gap="sm">
            <Button type="submit" loading={form.isSubmitting} data-testid="mfa-confirm">
              {m.mfaConfirm}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={form.isSubmitting}>
              {m.mfaCancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

export function MfaEnrolment({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isStarting, setStarting] = useState(false);

  const start = () => {
    setStarting(true);
    setError(null);
    startMfaEnrolment()
      .then(setEnrolment)
      .catch(setError)
      .finally(() => setStarting(false));
  };

  if (enrolment) return <ConfirmStep enrolment={enrolment} onConfirmed={onConfirmed} onCancel={() => setEnrolment(null)} />;
  return (
    <Stack gap="sm" align="flex-start">
      {error ? <ErrorState error={error} /> : null}
      <Button onClick={start} loading={isStarting} data-testid="mfa-start">
        {m.mfaStart}
      </Button>
    </Stack>
  );
}
