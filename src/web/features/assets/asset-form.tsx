/**
 * The asset form (create and edit). Required markers and validation come from ZAssetFields through
 * useContractForm, so the form and the API say the same `field: problem`; the API's own refusals land on
 * the field they name. Values survive a failed save; leaving with unsaved changes asks first.
 */
import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ASSET_TYPE_LABELS, ASSET_TYPES, DATA_CATEGORIES, DATA_CATEGORY_LABELS, LIFECYCLE_STATUSES, ZCreateAssetRequest, ZUpdateAssetRequest, type TAsset } from '../../../shared/contracts/assets.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { LevelField, SECTION_TITLES, TypeSectionFields, type AssetForm as Form } from './asset-form-fields.js';
import { createRequestOf, EPHI_ROLES, REQUIRED_FIELDS, sectionOfType, updateRequestOf, type AssetFormValues } from './asset-form-values.js';
import { assetKeys, createAsset, invalidateAssets, updateAsset } from './assets-api.js';
import { assetMessages as m } from './messages.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Title order={2} fz="lg" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function IdentitySection({ form }: { form: Form }) {
  return (
    <Section title={m.sections.identity}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput {...form.textProps('name')} required={REQUIRED_FIELDS.has('name')} data-autofocus data-testid="asset-name" />
        <NativeSelect
          label={m.fields.type}
          required={REQUIRED_FIELDS.has('type')}
          description={m.typeHint}
          value={form.values.type}
          error={form.errors.type}
          data={ASSET_TYPES.map((type) => ({ value: type, label: ASSET_TYPE_LABELS[type] }))}
          onChange={(event) => form.setValue('type', event.currentTarget.value as AssetFormValues['type'])}
          data-testid="asset-type"
        />
        <TextInput {...form.textProps('owner')} data-testid="asset-owner" />
        <TextInput {...form.textProps('custodian')} data-testid="asset-custodian" />
        <TextInput {...form.textProps('location')} data-testid="asset-location" />
        <NativeSelect
          label={m.fields.lifecycle}
          value={form.values.lifecycle}
          error={form.errors.lifecycle}
          data={LIFECYCLE_STATUSES.map((value) => ({ value, label: m.lifecycle[value] ?? value }))}
          onChange={(event) => form.setValue('lifecycle', event.currentTarget.value as AssetFormValues['lifecycle'])}
          data-testid="asset-lifecycle"
        />
        <TextInput {...form.textProps('externalRef')} data-testid="asset-externalRef" />
        <TagsInput label={m.fields.tags} description={m.tagsHint} value={form.values.tags} error={form.errors.tags} onChange={(tags) => form.setValue('tags', tags)} clearable data-testid="asset-tags" />
      </SimpleGrid>
      <Textarea {...form.textProps('description')} autosize minRows={2} maxRows={8} mt="md" data-testid="asset-description" />
    </Section>
  );
}

function ValuationSection({ form, levels }: { form: Form; levels: { id: string; name: string }[] }) {
  const ephiError = EPHI_ROLES.map((role) => form.errors[role]).find(Boolean);
  return (
    <Section title={m.sections.valuation}>
      <Stack gap="md">
        <NativeSelect
          label={m.fields.classificationId}
          value={form.values.classificationId}
          error={form.errors.classificationId}
          data={[{ value: '', label: m.chooseClassification }, ...levels.map((level) => ({ value: level.id, label: level.name }))]}
          onChange={(event) => form.setValue('classificationId', event.currentTarget.value)}
          maw={360}
          data-testid="asset-classification"
        />
        <Checkbox.Group label={m.fields.dataCategories} value={form.values.dataCategories} error={form.errors.dataCategories} onChange={(value) => form.setValue('dataCategories', value as AssetFormValues['dataCategories'])}>
          <Group gap="lg" mt={6}>
            {DATA_CATEGORIES.map((category) => (
              <Checkbox key={category} value={category} label={DATA_CATEGORY_LABELS[category]} data-testid={`asset-category-${category}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <LevelField form={form} name="confidentiality" />
          <LevelField form={form} name="integrity" />
          <LevelField form={form} name="availability" />
          <LevelField form={form} name="patientSafetyImpact" />
        </SimpleGrid>
        <Checkbox.Group
          label={m.ephiRole}
          description={m.ephiRoleHint}
          value={EPHI_ROLES.filter((role) => form.values[role])}
          error={ephiError}
          onChange={(value) => EPHI_ROLES.forEach((role) => form.setValue(role, value.includes(role)))}
        >
          <Group gap="lg" mt={6}>
            {EPHI_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={m.ephiRoles[role]} data-testid={`asset-${role}`} />
            ))}
          </Group>
        </Checkbox.Group>
      </Stack>
    </Section>
  );
}

export interface AssetFormProps {
  orgId: string;
  timeZone: string;
  levels: { id: string; name: string }[];
  initialValues: AssetFormValues;
  /** Editing this asset; absent when adding one. */
  asset?: TAsset;
}

export function AssetForm({ orgId, timeZone, levels, asset, ...props }: AssetFormProps) {
  const queryClient = useQueryClient();
  // The record as it was when the form opened: a change is what differs from it.
  const [initialValues] = useState(props.initialValues);
  const navigate = useNavigate();
  const [saved, setSaved] = useState<TAsset | null>(null);
  const form = useContractForm({
    initialValues,
    schema: asset ? ZUpdateAssetRequest : ZCreateAssetRequest,
    labels: m.fields,
    toRequest: (values) => (asset ? updateRequestOf(values, initialValues, timeZone) : createRequestOf(values, timeZone)),
  });
  const section = sectionOfType(form.values.type);

  // Leave only after the guard has seen the saved state (it would otherwise ask about the saved changes).
  useEffect(() => {
    if (saved) void navigate({ to: '/o/$orgId/assets/$assetId', params: { orgId, assetId: saved.id } });
  }, [navigate, orgId, saved]);

  const submit = form.onSubmit(async (request) => {
    const result = asset ? await updateAsset(orgId, asset.id, request as Parameters<typeof updateAsset>[2]) : await createAsset(orgId, request as Parameters<typeof createAsset>[1]);
    queryClient.setQueryData(assetKeys.detail(orgId, result.id), result);
    await invalidateAssets(queryClient, orgId);
    notifications.show({ color: 'green', message: asset ? m.savedNotice : m.createdNotice(result.name) });
    setSaved(result);
  });

  // A refused save (here or by the API) takes the person to the first field that needs attention.
  const firstError = Object.keys(m.fields).find((key) => form.errors[key as keyof AssetFormValues]);
  const isFocusPending = useRef(false);
  useEffect(() => {
    if (!firstError || !isFocusPending.current) return;
    isFocusPending.current = false;
    const field = document.querySelector<HTMLElement>(`[data-testid="asset-${firstError}"]`);
    const target = field?.matches('input, select, textarea') ? field : (field?.querySelector<HTMLElement>('input, select, textarea') ?? field);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [firstError]);

  const cancel = () => void navigate(asset ? { to: '/o/$orgId/assets/$assetId', params: { orgId, assetId: asset.id } } : { to: '/o/$orgId/assets', params: { orgId } });

  return (
    <form
      onSubmit={(event) => {
        isFocusPending.current = true;
        submit(event);
      }}
      noValidate
      data-testid="asset-form"
    >
      <UnsavedChangesGuard when={form.isDirty && !saved} />
      <Stack gap="lg" maw={1000}>
        <Text size="sm" c="dimmed">
          {m.formIntro}
        </Text>
        <IdentitySection form={form} />
        <ValuationSection form={form} levels={levels} />
        {section ? (
          <Section title={SECTION_TITLES[section]} testId={`asset-section-${section}`}>
            <TypeSectionFields section={section} form={form} timeZone={timeZone} />
          </Section>
        ) : null}
        <Section title={m.sections.continuity}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput type="number" min={0} {...form.textProps('rtoHours')} data-testid="asset-rtoHours" />
            <TextInput type="number" min={0} {...form.textProps('rpoHours')} data-testid="asset-rpoHours" />
          </SimpleGrid>
        </Section>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Text size="xs" c="dimmed">
          {m.savedRecorded}
        </Text>
        <Group gap="sm">
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(asset) && !form.isDirty} data-testid="asset-save">
            {asset ? m.save : m.create}
          </Button>
          <Button variant="default" onClick={cancel} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
