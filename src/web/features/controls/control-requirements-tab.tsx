/**
 * The requirements a control satisfies, grouped by framework ("comply once": one control, every framework),
 * with a searchable picker over the catalogue (built-in and imported frameworks) to link more.
 */
import { ActionIcon, Badge, Button, Group, NativeSelect, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconSearch, IconUnlink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { TControlDetail, TLinkedRequirement } from '../../../shared/contracts/controls.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { controlKeys, invalidateControls, linkRequirements, requirementOptionsQuery, unlinkRequirement } from './controls-api.js';
import { controlMessages as m } from './messages.js';

function RequirementPicker({ orgId, control }: { orgId: string; control: TControlDetail }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [frameworkId, setFrameworkId] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const options = useQuery(requirementOptionsQuery(orgId, { q: debounced.trim() || undefined, frameworkId: frameworkId || undefined, limit: 50 }));
  const linked = useMemo(() => new Set(control.requirements.map((r) => r.id)), [control.requirements]);
  const data = (options.data?.items ?? []).filter((r) => !linked.has(r.id)).map((r) => ({ value: r.id, label: `${r.frameworkName} ${r.ref} — ${r.title}` }));
  const link = useMutation({
    mutationFn: (id: string) => linkRequirements(orgId, control.id, [id]),
    onSuccess: async (result) => {
      queryClient.setQueryData(controlKeys.detail(orgId, control.id), result);
      setChosen(null);
      setSearch('');
      await invalidateControls(queryClient, orgId);
    },
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect label={m.frameworkFilter} value={frameworkId} data={[{ value: '', label: m.anyFramework }, ...(options.data?.frameworks ?? []).map((f) => ({ value: f.id, label: f.name }))]} onChange={(event) => setFrameworkId(event.currentTarget.value)} w={200} data-testid="requirement-framework" />
        <Select
          label={m.requirementPicker}
          description={m.requirementPickerHint}
          placeholder={m.pickerPlaceholder}
          searchable
          clearable
          data={data}
          value={chosen}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          onChange={setChosen}
          nothingFoundMessage={options.isFetching ? undefined : m.pickerNothing}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={520}
          maxDropdownHeight={320}
          comboboxProps={{ withinPortal: true }}
          data-testid="requirement-picker"
        />
        <Button leftSection={<IconLink size={16} aria-hidden />} disabled={!chosen} loading={link.isPending} onClick={() => chosen && link.mutate(chosen)} data-testid="requirement-link">
          {m.link}
        </Button>
      </Group>
      {link.error ? <ErrorState error={link.error} /> : null}
    </Paper>
  );
}

export function ControlRequirementsTab({ orgId, control }: { orgId: string; control: TControlDetail }) {
  const queryClient = useQueryClient();
  const canEdit = control.abilities.update;
  const unlink = useMutation({
    mutationFn: (id: string) => unlinkRequirement(orgId, control.id, id),
    onSuccess: async (result) => {
      queryClient.setQueryData(controlKeys.detail(orgId, control.id), result);
      await invalidateControls(queryClient, orgId);
    },
  });
  const groups = useMemo(() => {
    const byFramework = new Map<string, TLinkedRequirement[]>();
    for (const requirement of control.requirements) byFramework.set(requirement.frameworkName, [...(byFramework.get(requirement.frameworkName) ?? []), requirement]);
    return [...byFramework.entries()];
  }, [control.requirements]);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {m.requirementsIntro}
      </Text>
      {canEdit ? <RequirementPicker orgId={orgId} control={control} /> : null}
      {unlink.error ? <ErrorState error={unlink.error} /> : null}
      {groups.length === 0 ? <EmptyState icon={<IconLink size={28} aria-hidden />} title={m.noRequirementsTitle} description={m.noRequirementsBody} testId="requirements-empty" /> : null}
      {groups.map(([framework, requirements]) => (
        <Paper key={framework} withBorder radius="md" p="md" data-testid="requirement-group">
          <Title order={3} fz="md" mb="xs">
            {framework} <Badge variant="light" ml={6}>{requirements.length}</Badge>
          </Title>
          <Table verticalSpacing={6}>
            <Table.Tbody>
              {requirements.map((requirement) => (
                <Table.Tr key={requirement.id} data-requirement-id={requirement.id}>
                  <Table.Td w={200}>
                    <Text size="sm" ff="monospace">
                      {requirement.ref}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{requirement.title}</Text>
                  </Table.Td>
                  <Table.Td w={130}>{requirement.obligation ? <Badge variant="outline" styles={{ label: { textTransform: 'none' } }}>{m.obligation[requirement.obligation] ?? requirement.obligation}</Badge> : null}</Table.Td>
                  {canEdit ? (
                    <Table.Td w={50}>
                      <Tooltip label={m.unlinkLabel(requirement.ref)}>
                        <ActionIcon variant="subtle" color="red" aria-label={m.unlinkLabel(requirement.ref)} loading={unlink.isPending && unlink.variables === requirement.id} onClick={() => unlink.mutate(requirement.id)} data-testid="requirement-unlink">
                          <IconUnlink size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
