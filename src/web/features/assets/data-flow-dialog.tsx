/** Record or change a data flow from or to an asset: to another asset or to an external party (A.5.14). */
import { Button, Checkbox, Group, Modal, Radio, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS, ZDataFlowFields, type TAsset, type TDataFlow } from '../../../shared/contracts/assets.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { AssetPicker } from './asset-picker.js';
import { createFlow, invalidateAssets, updateFlow } from './assets-api.js';
import { assetMessages as m } from './messages.js';

type FlowValues = {
  direction: 'out' | 'in';
  targetKind: 'asset' | 'external';
  sourceAssetId: string;
  targetAssetId: string;
  externalParty: string;
  purpose: string;
  dataCategories: (typeof DATA_CATEGORIES)[number][];
  transportEncrypted: boolean;
  agreementReference: string;
};

const LABELS: Record<keyof FlowValues, string> = { ...m.flowLabels, direction: m.flowDirection, targetKind: m.flowTargetKind };

function initialValues(asset: TAsset, flow: TDataFlow | null): FlowValues {
  if (!flow) return { direction: 'out', targetKind: 'external', sourceAssetId: asset.id, targetAssetId: '', externalParty: '', purpose: '', dataCategories: asset.dataCategories.includes('ephi') ? ['ephi'] : [], transportEncrypted: true, agreementReference: '' };
  return {
    direction: flow.sourceAssetId === asset.id ? 'out' : 'in',
    targetKind: flow.targetAssetId ? 'asset' : 'external',
    sourceAssetId: flow.sourceAssetId,
    targetAssetId: flow.targetAssetId ?? '',
    externalParty: flow.externalParty ?? '',
    purpose: flow.purpose,
    dataCategories: [...flow.dataCategories],
    transportEncrypted: flow.transportEncrypted,
    agreementReference: flow.agreementReference ?? '',
  };
}

function FlowForm({ orgId, asset, flow, onDone }: { orgId: string; asset: TAsset; flow: TDataFlow | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useContractForm({
    initialValues: initialValues(asset, flow),
    schema: ZDataFlowFields,
    labels: LABELS,
    toRequest: (v) => {
      const toAsset = v.direction === 'in' || v.targetKind === 'asset';
      return {
        sourceAssetId: v.direction === 'out' ? asset.id : v.sourceAssetId,
        targetAssetId: v.direction === 'in' ? asset.id : toAsset ? v.targetAssetId || null : null,
        externalParty: toAsset ? null : v.externalParty.trim() || null,
        purpose: v.purpose,
        dataCategories: v.dataCategories,
        transportEncrypted: v.transportEncrypted,
        agreementReference: v.agreementReference.trim() || null,
      };
    },
  });
  const v = form.values;
  const isExternal = v.direction === 'out' && v.targetKind === 'external';
  const submit = form.onSubmit(async (request) => {
    if (flow) await updateFlow(orgId, flow.id, request);
    else await createFlow(orgId, request);
    await invalidateAssets(queryClient, orgId);
    notifications.show({ color: 'green', message: m.flowSaved });
    onDone();
  });
  const otherName = flow ? (v.direction === 'out' ? (flow.targetName ?? undefined) : flow.sourceName) : undefined;

  return (
    <form onSubmit={submit} noValidate data-testid="flow-form">
      <Stack gap="md">
        <Radio.Group label={LABELS.direction} value={v.direction} onChange={(value) => form.setValue('direction', value as FlowValues['direction'])}>
          <Stack gap={6} mt={6}>
            <Radio value="out" label={m.flowDirectionOut} data-testid="flow-direction-out" />
            <Radio value="in" label={m.flowDirectionIn} data-testid="flow-direction-in" />
          </Stack>
        </Radio.Group>
        {v.direction === 'out' ? (
          <Radio.Group label={LABELS.targetKind} value={v.targetKind} onChange={(value) => form.setValue('targetKind', value as FlowValues['targetKind'])}>
            <Group gap="lg" mt={6}>
              <Radio value="external" label={m.flowTargetExternal} data-testid="flow-kind-external" />
              <Radio value="asset" label={m.flowTargetAsset} data-testid="flow-kind-asset" />
            </Group>
          </Radio.Group>
        ) : null}
        {isExternal ? (
          <TextInput {...form.textProps('externalParty')} required description={m.flowExternalPartyHint} error={form.errors.externalParty ?? form.errors.targetAssetId} data-testid="flow-external-party" />
        ) : (
          <AssetPicker
            orgId={orgId}
            label={v.direction === 'out' ? m.flowTargetAssetLabel : m.flowSourceAsset}
            required
            value={(v.direction === 'out' ? v.targetAssetId : v.sourceAssetId === asset.id ? '' : v.sourceAssetId) || null}
            valueLabel={otherName}
            excludeIds={[asset.id]}
            onChange={(choice) => form.setValue(v.direction === 'out' ? 'targetAssetId' : 'sourceAssetId', choice?.id ?? '')}
            error={v.direction === 'out' ? form.errors.targetAssetId : form.errors.sourceAssetId}
            testId="flow-asset-picker"
          />
        )}
        <Textarea {...form.textProps('purpose')} required autosize minRows={2} data-testid="flow-purpose" />
        <Checkbox.Group label={LABELS.dataCategories} required value={v.dataCategories} error={form.errors.dataCategories} onChange={(value) => form.setValue('dataCategories', value as FlowValues['dataCategories'])}>
          <Group gap="md" mt={6}>
            {DATA_CATEGORIES.map((category) => (
              <Checkbox key={category} value={category} label={DATA_CATEGORY_LABELS[category]} data-testid={`flow-category-${category}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Switch label={LABELS.transportEncrypted} checked={v.transportEncrypted} error={form.errors.transportEncrypted} onChange={(event) => form.setValue('transportEncrypted', event.currentTarget.checked)} data-testid="flow-encrypted" />
        <TextInput {...form.textProps('agreementReference')} description={m.flowAgreementHint} data-testid="flow-agreement" />
        <Text size="xs" c="dimmed">
          {m.flowRecorded}
        </Text>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="flow-save">
            {flow ? m.save : m.addFlow}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `flow` undefined: closed; null: a new flow; a flow: change it. */
export function DataFlowDialog({ orgId, asset, flow, onClose }: { orgId: string; asset: TAsset; flow: TDataFlow | null | undefined; onClose: () => void }) {
  return (
    <Modal opened={flow !== undefined} onClose={onClose} title={flow ? m.flowFormTitleEdit : m.flowFormTitleNew} centered size="lg">
      {flow !== undefined ? <FlowForm key={flow?.id ?? 'new'} orgId={orgId} asset={asset} flow={flow} onDone={onClose} /> : null}
    </Modal>
  );
}
