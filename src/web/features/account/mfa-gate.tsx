/**
 * Mandatory enrolment: when an organization requires two-factor authentication and the person has
 * none, the organization areas stay closed until they enrol (the API refuses them too).
 */
import { Container, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../kernel/query.js';
import { useSession } from '../auth/index.js';
import { MfaEnrolment } from './mfa-enrolment.js';
import { accountMessages as m } from './messages.js';
import { RecoveryCodes } from './recovery-codes.js';

export function MfaEnrolmentGate() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const requiring = session.memberships.filter((membership) => membership.mfaRequired).map((membership) => membership.organizationName);
  const names = requiring.length > 1 ? m.gateList(requiring.slice(0, -1), requiring.at(-1) ?? '') : (requiring[0] ?? m.gateYourOrganization);

  return (
    <Container size="sm" py="xl" data-testid="mfa-gate">
      <Paper withBorder radius="md" p="xl">
        <Stack gap="md">
          <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
            <IconShieldLock size={28} />
          </ThemeIcon>
          <Title order={1} fz={24} data-testid="page-title">
            {m.gateTitle}
          </Title>
          <Text>{m.gateIntro(names)}</Text>
          {codes ? (
            // The session is refreshed only once the codes are stored: refreshing opens the organization and hides them.
            <RecoveryCodes codes={codes} onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.session })} />
          ) : (
            <MfaEnrolment onConfirmed={setCodes} />
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
