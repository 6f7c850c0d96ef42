/**
 * Admin → People: who has access, with which role and until when (A.5.18 access rights; 5.3 roles).
 * Paged, sorted and filtered by the server; filters and sort live in the URL. Row actions follow the
 * abilities the API sends with each member, never the viewer's role.
 */
import { ActionIcon, Badge, Button, Group, Menu, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlus, IconSearch, IconShieldCheck, IconShieldOff, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { TMember } from '../../../shared/contracts/organizations.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/permissions.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate, formatRelative } from '../../kernel/format.js';
import { queryKeys } from '../../kernel/query.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { useSession } from '../auth/index.js';
import { AddMemberDialog } from './add-member-dialog.js';
import { EditMemberDialog } from './edit-member-dialog.js';
import { organizationMessages as m } from './messages.js';
import { membersQuery, organizationQuery, removeMember } from './organizations-api.js';
import { peopleQuery, type MemberSortField, type PeopleSearch } from './people-search.js';

const route = getRouteApi('/_authed/o/$orgId/people');
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

function RowActions({ member, onEdit, onRemove }: { member: TMember; onEdit: () => void; onRemove: () => void }) {
  if (!member.abilities.update && !member.abilities.remove) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={m.rowActions(member.displayName)} data-testid="member-actions">
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {member.abilities.update ? (
          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit} data-testid="member-edit">
            {m.changeAccess}
          </Menu.Item>
        ) : null}
        {member.abilities.remove ? (
          <Menu.Item color="red" leftSection={<IconUserMinus size={16} aria-hidden />} onClick={onRemove} data-testid="member-remove">
            {m.remove}
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

function Filters({ search, onChange }: { search: PeopleSearch; onChange: (next: Partial<PeopleSearch>, options?: { replace?: boolean }) => void }) {
  const [text, setText] = useState(search.q ?? '');
  const pushText = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }, { replace: true }), 300);
  // The URL is the source of truth: follow it when it changes elsewhere (back button, "Clear filters").
  useEffect(() => {
    setText((current) => (current.trim() === (search.q ?? '') ? current : (search.q ?? '')));
  }, [search.q]);
  const hasFilters = Boolean(search.q || search.role);
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search">
      <TextInput
        label={m.search}
        placeholder={m.searchPlaceholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          pushText(event.currentTarget.value);
        }}
        w={280}
        data-testid="people-search"
      />
      <NativeSelect
        label={m.role}
        value={search.role ?? ''}
        data={[{ value: '', label: m.allRoles }, ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))]}
        onChange={(event) => onChange({ role: (event.currentTarget.value || undefined) as Role | undefined })}
        w={220}
        data-testid="people-role-filter"
      />
      {hasFilters ? (
        <Button
          variant="subtle"
          onClick={() => {
            setText('');
            onChange({ q: undefined, role: undefined });
          }}
        >
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}

export function PeoplePage() {
  const { orgId } = useCurrentOrg();
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const request = peopleQuery(search);
  const query = useQuery(membersQuery(orgId, request));
  const organization = useQuery(organizationQuery(orgId)).data;
  const timeZone = organization?.timeZone ?? 'UTC';
  const canAdd = organization?.abilities.manageMembers ?? false;
  const [isAdding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TMember | null>(null);
  const [removing, setRemoving] = useState<TMember | null>(null);
  const remove = useMutation({
    mutationFn: (member: TMember) => removeMember(orgId, member.id),
    onSuccess: async (_result, member) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.members(orgId) });
      notifications.show({ color: 'green', message: m.removed(member.displayName) });
      setRemoving(null);
    },
  });

  // Sort, page and choices push a history entry (Back undoes them); typing replaces it (no entry per key).
  const update = (next: Partial<PeopleSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }), replace: options?.replace ?? false });
  const hasFilters = Boolean(search.q || search.role);

  const columns: Column<TMember, MemberSortField>[] = [
    {
      key: 'name',
      header: m.columns.person,
      sortField: 'displayName',
      render: (member) => (
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500}>
            {member.displayName}
          </Text>
          {member.userId === session.user.id ? (
            <Badge size="xs" variant="outline">
              {m.you}
            </Badge>
          ) : null}
          {member.isDisabled ? (
            <Badge size="xs" color="red" variant="light">
              {m.disabledAccount}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'email', header: m.columns.email, sortField: 'email', render: (member) => <Text size="sm">{member.email}</Text> },
    { key: 'role', header: m.columns.role, sortField: 'role', render: (member) => <Text size="sm">{ROLE_LABELS[member.role]}</Text> },
    {
      key: 'expires',
      header: m.columns.expires,
      render: (member) =>
        member.isExpired ? (
          <Badge color="orange" variant="light">
            {m.expired}
          </Badge>
        ) : member.expiresAt ? (
          <Stack gap={0}>
            <Text size="sm" style={NO_WRAP}>
              {formatDate(member.expiresAt, timeZone)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatRelative(member.expiresAt)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {m.noEnd}
          </Text>
        ),
    },
    {
      key: 'mfa',
      header: m.columns.mfa,
      render: (member) => (
        <Badge variant="light" color={member.mfaEnabled ? 'green' : 'gray'} leftSection={member.mfaEnabled ? <IconShieldCheck size={12} aria-hidden /> : <IconShieldOff size={12} aria-hidden />}>
          {member.mfaEnabled ? m.mfaOn : m.mfaOff}
        </Badge>
      ),
    },
    { key: 'lastLogin', header: m.columns.lastLogin, sortField: 'lastLoginAt', render: (member) => <Text size="sm" style={NO_WRAP}>{member.lastLoginAt ? formatRelative(member.lastLoginAt) : m.never}</Text> },
    { key: 'created', header: m.columns.created, sortField: 'createdAt', render: (member) => <Text size="sm" style={NO_WRAP}>{formatDate(member.createdAt, timeZone)}</Text> },
    {
      key: 'actions',
      header: m.columns.actions,
      isHeaderHidden: true,
      width: 56,
      render: (member) => <RowActions member={member} onEdit={() => setEditing(member)} onRemove={() => setRemoving(member)} />,
    },
  ];

  const addButton = canAdd ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} data-testid="member-add">
      {m.addPerson}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader eyebrow={m.admin} title={m.peopleTitle} description={m.peopleDescription} actions={addButton} />
      <Filters search={search} onChange={update} />
      <DataTable
        caption={m.peopleTitle}
        testId="people-table"
        minWidth={1080}
        columns={columns}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(member) => member.id}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'displayName', direction: request.direction ?? 'asc' }}
        onSortChange={(sort) => update({ sort: sort.field, direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={
          hasFilters ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noPeopleTitle}
              description={m.noPeopleBody}
              action={
                <Button variant="default" onClick={() => update({ q: undefined, role: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState icon={<IconUsers size={28} aria-hidden />} title={m.peopleEmptyTitle} description={m.peopleEmptyBody} action={addButton} />
          )
        }
      />
      {canAdd ? <AddMemberDialog orgId={orgId} timeZone={timeZone} opened={isAdding} onClose={() => setAdding(false)} /> : null}
      <EditMemberDialog orgId={orgId} member={editing} timeZone={timeZone} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={removing !== null}
        title={removing ? m.removeTitle(removing.displayName) : ''}
        recorded={m.removeRecorded}
        confirmLabel={m.remove}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate(removing)}
        testId="member-remove-dialog"
      >
        {removing ? m.removeBody(removing.displayName, organization?.name ?? '') : ''}
      </ConfirmDialog>
    </>
  );
}
