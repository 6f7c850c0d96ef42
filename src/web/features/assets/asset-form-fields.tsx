/** Building blocks of the asset form: yes/no/unknown, value scales, and the sections a type asks for. */
import { Group, NativeSelect, Radio, SimpleGrid, TextInput } from '@mantine/core';
import { CIA_LABELS, HOSTING, PATIENT_SAFETY_LABELS } from '../../../shared/contracts/assets.js';
import type { ContractForm } from '../../kernel/form.js';
import type { z } from 'zod';
import { FLAG_FIELDS, REQUIRED_FIELDS, type AssetFormValues, type TriState, type TypeSection } from './asset-form-values.js';
import { assetMessages as m } from './messages.js';

export type AssetForm = ContractForm<AssetFormValues, z.ZodType>;
type FlagField = (typeof FLAG_FIELDS)[number];
type TextKey = 'vendor' | 'manufacturer' | 'model' | 'serialNumber' | 'networkSegment' | 'platform' | 'assignedPerson';

export function TriStateField({ form, name, label }: { form: AssetForm; name: FlagField; label?: string }) {
  return (
    <Radio.Group label={label ?? m.fields[name]} value={form.values[name]} error={form.errors[name]} onChange={(value) => form.setValue(name, value as TriState)} data-testid={`asset-${name}`}>
      <Group gap="md" mt={6}>
        <Radio value="yes" label={m.yes} />
        <Radio value="no" label={m.no} />
        <Radio value="unknown" label={m.unknown} />
      </Group>
    </Radio.Group>
  );
}

export function LevelField({ form, name }: { form: AssetForm; name: 'confidentiality' | 'integrity' | 'availability' | 'patientSafetyImpact' }) {
  const options = name === 'patientSafetyImpact' ? PATIENT_SAFETY_LABELS.map((label, value) => ({ value: String(value), label: m.levelOption(value, label) })) : CIA_LABELS.map((label, value) => ({ value: String(value), label: m.levelOption(value, label) })).slice(1);
  return (
    <NativeSelect
      label={m.fields[name]}
      value={String(form.values[name])}
      error={form.errors[name]}
      data={options}
      onChange={(event) => form.setValue(name, Number(event.currentTarget.value))}
      data-testid={`asset-${name}`}
    />
  );
}

function Text({ form, name, description }: { form: AssetForm; name: TextKey; description?: string }) {
  return <TextInput {...form.textProps(name)} required={REQUIRED_FIELDS.has(name)} description={description} data-testid={`asset-${name}`} />;
}

function ApplicationSection({ form }: { form: AssetForm }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Text form={form} name="vendor" />
      <NativeSelect
        label={m.fields.hosting}
        value={form.values.hosting}
        error={form.errors.hosting}
        data={[{ value: '', label: m.chooseHosting }, ...HOSTING.map((value) => ({ value, label: m.hosting[value] ?? value }))]}
        onChange={(event) => form.setValue('hosting', event.currentTarget.value as AssetFormValues['hosting'])}
        data-testid="asset-hosting"
      />
      <TriStateField form={form} name="ssoEnabled" />
      <TriStateField form={form} name="mfaEnabled" />
      <TriStateField form={form} name="encryptedAtRest" />
      <TriStateField form={form} name="encryptedInTransit" />
    </SimpleGrid>
  );
}

function MedicalSection({ form }: { form: AssetForm }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Text form={form} name="manufacturer" />
      <Text form={form} name="model" />
      <Text form={form} name="serialNumber" />
      <TextInput type="date" {...form.textProps('endOfSupport')} description={m.endOfSupportHint} data-testid="asset-endOfSupport" />
      <Text form={form} name="networkSegment" description={m.networkSegmentHint} />
      <TriStateField form={form} name="mds2OnFile" />
      <TriStateField form={form} name="patchable" />
      <TriStateField form={form} name="connectsToEhr" />
      <TriStateField form={form} name="encryptedAtRest" />
      <TriStateField form={form} name="encryptedInTransit" />
    </SimpleGrid>
  );
}

function MobileSection({ form, timeZone }: { form: AssetForm; timeZone: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Text form={form} name="platform" />
      <Text form={form} name="assignedPerson" />
      <TriStateField form={form} name="mdmEnrolled" />
      <TriStateField form={form} name="encryptedAtRest" label={m.diskEncryption} />
      <TriStateField form={form} name="passcodeEnforced" />
      <TriStateField form={form} name="byod" />
      <TextInput type="datetime-local" {...form.textProps('lastCheckIn')} description={m.lastCheckInHint(timeZone)} data-testid="asset-lastCheckIn" />
    </SimpleGrid>
  );
}

function ProtectionSection({ form }: { form: AssetForm }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TriStateField form={form} name="encryptedAtRest" />
      <TriStateField form={form} name="encryptedInTransit" />
    </SimpleGrid>
  );
}

export const SECTION_TITLES: Record<TypeSection, string> = { application: m.sections.application, medical: m.sections.medical, mobile: m.sections.mobile, protection: m.sections.protection };

export function TypeSectionFields({ section, form, timeZone }: { section: TypeSection; form: AssetForm; timeZone: string }) {
  if (section === 'application') return <ApplicationSection form={form} />;
  if (section === 'medical') return <MedicalSection form={form} />;
  if (section === 'mobile') return <MobileSection form={form} timeZone={timeZone} />;
  return <ProtectionSection form={form} />;
}
