/** Add a site under this organization (4.3 scope); the creator becomes its administrator. */
import { Button, Group, Modal, NativeSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ZCreateSiteRequest, type TOrganization } from '../../../shared/contracts/organizations.js';
import { supportedTimeZones } from '../../kernel/format.js';
import { useContractForm } from '../../kernel/form.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { organizationMessages as m } from './messages.js';
import { createSite } from './organizations-api.js';

const SITE_KINDS = ['hospital', 'clinic', 'site'] as const;
const LABELS = { name: m.siteName, slug: m.slug, kind: m.kind, timeZone: m.timeZone };

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

function CreateSiteForm({ organization, onDone }: { organization: TOrganization; onDone: () => void }) {
  const queryClient = useQueryClient();
  const zones = useMemo(() => supportedTimeZones(), []);
  const [isSlugTouched, setSlugTouched] = useState(false);
  const form = useContractForm({
    initialValues: { name: '', slug: '', kind: 'clinic' as (typeof SITE_KINDS)[number], timeZone: organization.timeZone },
    schema: ZCreateSiteRequest,
    labels: LABELS,
  });
  const submit = form.onSubmit(async (request) => {
    await createSite(organization.id, request);
    await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.organization(organization.id) }), queryClient.invalidateQueries({ queryKey: queryKeys.session })]);
    notifications.show({ color: 'green', message: m.siteCreated(request.name) });
    onDone();
  });
  const nameProps = form.textProps('name');
  return (
    <form onSubmit={submit} noValidate data-testid="create-site-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {m.createSiteIntro}
        </Text>
        <TextInput
          {...nameProps}
          required
          data-autofocus
          onChange={(event) => {
            nameProps.onChange(event);
            if (!isSlugTouched) form.setValue('slug', slugify(event.currentTarget.value));
          }}
          data-testid="site-name"
        />
        <TextInput
          {...form.textProps('slug')}
          description={m.slugHint}
          required
          onChange={(event) => {
            setSlugTouched(true);
            form.setValue('slug', event.currentTarget.value);
          }}
          data-testid="site-slug"
        />
        <NativeSelect
          label={LABELS.kind}
          required
          value={form.values.kind}
          error={form.errors.kind}
          data={SITE_KINDS.map((kind) => ({ value: kind, label: m.kinds[kind] ?? kind }))}
          onChange={(event) => form.setValue('kind', event.currentTarget.value as (typeof SITE_KINDS)[number])}
        />
        <Select
          label={LABELS.timeZone}
          data={zones}
          searchable
          allowDeselect={false}
          value={form.values.timeZone}
          error={form.errors.timeZone}
          onChange={(value) => form.setValue('timeZone', value ?? organization.timeZone)}
          maxDropdownHeight={240}
          comboboxProps={{ withinPortal: true }}
        />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="site-create-submit">
            {m.create}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreateSiteDialog({ organization, opened, onClose }: { organization: TOrganization; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={m.createSiteTitle} centered size="md">
      {opened ? <CreateSiteForm organization={organization} onDone={onClose} /> : null}
    </Modal>
  );
}
