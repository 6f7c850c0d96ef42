/**
 * Adding the organization's own threat, threat source or vulnerability (issue 5 item 2: "organizations
 * can add their own"). The form is checked with the API's own contract, `ZCreateCatalogueEntryRequest`,
 * so the category rule (a type for a threat source, a category for a vulnerability, none for a threat)
 * reads the same on both sides.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CUSTOM_CATALOGUE_KINDS, ZCreateCatalogueEntryRequest, type CustomCatalogueKind } from '../../../shared/contracts/risks.js';
import { THREAT_SOURCE_TYPES, VULNERABILITY_CATEGORIES } from '../../../shared/contracts/risk-method.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { uiMessages } from '../../ui/messages.js';
import { methodMessages as m } from './method-messages.js';
import { useCreateCatalogueEntry } from './risk-method-api.js';

interface EntryValues extends Record<string, unknown> {
  kind: CustomCatalogueKind;
  title: string;
  description: string;
  category: string;
}

const LABELS = { kind: m.entryKind, title: m.entryTitle, description: m.entryDescription, category: m.entryCategory };

function categoryOptions(kind: CustomCatalogueKind): { value: string; label: string }[] {
  if (kind === 'threat_source') return THREAT_SOURCE_TYPES.map((value) => ({ value, label: m.sourceTypes[value] ?? value }));
  if (kind === 'vulnerability') return VULNERABILITY_CATEGORIES.map((value) => ({ value, label: m.vulnerabilityCategories[value] ?? value }));
  return [];
}

export function CatalogueEntryDialog({ orgId, initialKind, onClose }: { orgId: string; initialKind: CustomCatalogueKind; onClose: () => void }) {
  const create = useCreateCatalogueEntry(orgId);
  const form = useContractForm({
    initialValues: { kind: initialKind, title: '', description: '', category: categoryOptions(initialKind)[0]?.value ?? '' } as EntryValues,
    schema: ZCreateCatalogueEntryRequest,
    labels: LABELS,
    toRequest: (values) => ({ kind: values.kind, title: values.title, description: values.description, category: values.kind === 'threat' ? null : values.category || null }),
  });
  const options = categoryOptions(form.values.kind);
  const submit = form.onSubmit(async (request) => {
    const entry = await create.mutateAsync(request);
    notifications.show({ color: 'green', message: m.entryAdded(entry.title) });
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={m.addEntryTitle} size="lg" centered>
      <form onSubmit={submit} noValidate data-testid="catalogue-entry-form">
        <Stack gap="sm">
          <NativeSelect
            label={m.entryKind}
            value={form.values.kind}
            data={CUSTOM_CATALOGUE_KINDS.map((value) => ({ value, label: m.kinds[value] }))}
            onChange={(event) => {
              const kind = event.currentTarget.value as CustomCatalogueKind;
              form.setValue('kind', kind);
              form.setValue('category', categoryOptions(kind)[0]?.value ?? '');
            }}
            error={form.errors.kind}
            required
            data-testid="catalogue-entry-kind"
          />
          <TextInput {...form.textProps('title')} required data-testid="catalogue-entry-title" />
          <Textarea {...form.textProps('description')} autosize minRows={2} maxRows={6} data-testid="catalogue-entry-description" />
          {options.length > 0 ? (
            <NativeSelect label={m.entryCategory} value={form.values.category} data={options} onChange={(event) => form.setValue('category', event.currentTarget.value)} error={form.errors.category} required data-testid="catalogue-entry-category" />
          ) : (
            <Text size="sm" c="dimmed">
              {m.entryCategoryNone}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {m.entryRecorded}
          </Text>
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {uiMessages.cancel}
            </Button>
            <Button type="submit" loading={form.isSubmitting} data-testid="catalogue-entry-save">
              {m.entrySave}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
