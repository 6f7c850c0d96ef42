/**
 * The organization switcher, always in the header. The current organization is the one in the URL;
 * switching keeps the area (People stays People) when the role there allows it, else opens Overview.
 */
import { Group, Select, Text } from '@mantine/core';
import { IconBuildingHospital, IconCheck } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { ROLE_LABELS } from '../../shared/permissions.js';
import { defaultOrganizationId, hasPermission, orderedMemberships, useSession } from '../features/auth/index.js';
import { appMessages as m } from './messages.js';
import { orgIdOfPath, sectionOfPath } from './org-sections.js';

export function OrgSwitcher() {
  const session = useSession();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const ordered = orderedMemberships(session.memberships);
  if (ordered.length === 0) return null;
  const byId = new Map(ordered.map((entry) => [entry.membership.organizationId, entry]));
  const current = orgIdOfPath(pathname) ?? defaultOrganizationId(session);

  const switchTo = (orgId: string | null) => {
    if (!orgId || orgId === orgIdOfPath(pathname)) return;
    const section = sectionOfPath(pathname);
    const target = byId.get(orgId)?.membership;
    const keep = section && hasPermission(target, section.permission) ? section : undefined;
    void navigate({ to: keep?.to ?? '/o/$orgId/overview', params: { orgId } });
  };

  return (
    <Select
      aria-label={m.switchOrganization}
      data={ordered.map(({ membership }) => ({ value: membership.organizationId, label: membership.organizationName }))}
      value={current && byId.has(current) ? current : null}
      onChange={switchTo}
      allowDeselect={false}
      searchable={ordered.length > 8}
      leftSection={<IconBuildingHospital size={18} aria-hidden />}
      w={{ base: 200, sm: 300 }}
      maxDropdownHeight={360}
      comboboxProps={{ width: 340, position: 'bottom-start' }}
      renderOption={({ option, checked }) => {
        const entry = byId.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" pl={(entry?.depth ?? 0) * 14} w="100%" data-testid="org-option">
            <div style={{ flex: 1 }}>
              <Text size="sm" fw={entry?.depth ? 400 : 600}>
                {option.label}
              </Text>
              {entry ? (
                <Text size="xs" c="dimmed">
                  {ROLE_LABELS[entry.membership.role]}
                </Text>
              ) : null}
            </div>
            {checked ? <IconCheck size={16} aria-hidden /> : null}
          </Group>
        );
      }}
      data-testid="org-switcher"
    />
  );
}
