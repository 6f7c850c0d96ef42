/** My account: password, two-factor authentication, sessions and API tokens, as tabs kept in the URL. */
import { Container, Tabs, Text } from '@mantine/core';
import { IconDevices, IconKey, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeader } from '../../ui/page-header.js';
import { useSession } from '../auth/index.js';
import { accountMessages as m } from './messages.js';
import { MfaSection } from './mfa-section.js';
import { PasswordSection } from './password-section.js';
import { SessionsSection } from './sessions-section.js';
import { TokensSection } from './tokens-section.js';

const route = getRouteApi('/_authed/account');

export const ACCOUNT_TABS = ['mfa', 'password', 'sessions', 'tokens'] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

export function AccountPage() {
  const session = useSession();
  const { tab } = route.useSearch();
  const navigate = route.useNavigate();
  const active: AccountTab = tab ?? 'mfa';

  return (
    <Container size="lg" px={0}>
      <PageHeader title={m.title} description={m.description} />
      <Text size="sm" mb="md">
        {m.profile(session.user.displayName, session.user.email)}
      </Text>
      <Tabs value={active} onChange={(value) => void navigate({ search: { tab: (value ?? 'mfa') as AccountTab }, replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="mfa" leftSection={<IconShieldCheck size={16} aria-hidden />} data-testid="account-tab-mfa">
            {m.tabs.mfa}
          </Tabs.Tab>
          <Tabs.Tab value="password" leftSection={<IconLock size={16} aria-hidden />} data-testid="account-tab-password">
            {m.tabs.password}
          </Tabs.Tab>
          <Tabs.Tab value="sessions" leftSection={<IconDevices size={16} aria-hidden />} data-testid="account-tab-sessions">
            {m.tabs.sessions}
          </Tabs.Tab>
          <Tabs.Tab value="tokens" leftSection={<IconKey size={16} aria-hidden />} data-testid="account-tab-tokens">
            {m.tabs.tokens}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mfa">
          <MfaSection />
        </Tabs.Panel>
        <Tabs.Panel value="password">
          <PasswordSection />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsSection />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensSection />
        </Tabs.Panel>
      </Tabs>
    </Container>
  );
}
