/** Change the owner or the classification of the selected assets at once; says what the audit trail records. */
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ZBulkUpdateAssetsRequest } from '../../../shared/contracts/assets.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { bulkUpdateAssets, invalidateAssets } from './assets-api.js';
import { assetMessages as m } from './messages.js';

export type BulkMode = 'owner' | 'classification';
const LABELS = { assetIds: m.columns.select, owner: m.bulkNewOwner, classificationId: m.bulkNewClassification };

function BulkForm({ orgId, mode, assetIds, levels, onDone }: { orgId: string; mode: BulkMode; assetIds: string[]; levels: { id: string; name: string }[]; onDone: (changed: boolean) => void }) {
  const queryClient = useQueryClient();
  const form = useContractForm({
    initialValues: { assetIds, owner: '', classificationId: '' },
    schema: ZBulkUpdateAssetsRequest,
    labels: LABELS,
    toRequest: (values) => (mode === 'owner' ? { assetIds: values.assetIds, owner: values.owner.trim() || null } : { assetIds: values.assetIds, classificationId: values.classificationId || null }),
  });
  const submit = form.onSubmit(async (request) => {
    const result = await bulkUpdateAssets(orgId, request);
    await invalidateAssets(queryClient, orgId);
    notifications.show({ color: 'green', message: m.bulkDone(result.updated) });
    onDone(true);
  });
  return (
    <form onSubmit={submit} noValidate data-testid="bulk-update-form">
      <Stack gap="md">
        {mode === 'owner' ? (
          <TextInput {...form.textProps('owner')} description={m.bulkNewOwnerHint} data-autofocus data-testid="bulk-owner" />
        ) : (
          <NativeSelect
            label={LABELS.classificationId}
            value={form.values.classificationId}
            error={form.errors.classificationId}
            data={[{ value: '', label: m.noClassification }, ...levels.map((level) => ({ value: level.id, label: level.name }))]}
            onChange={(event) => form.setValue('classificationId', event.currentTarget.value)}
            data-testid="bulk-classification"
          />
        )}
        <Text size="sm" c="dimmed">
          {m.bulkRecorded}
        </Text>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onDone(false)} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="bulk-apply">
            {m.bulkApply}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function BulkUpdateDialog(props: { orgId: string; mode: BulkMode | null; assetIds: string[]; levels: { id: string; name: string }[]; onClose: (changed: boolean) => void }) {
  const { mode, assetIds, onClose } = props;
  const title = mode === 'owner' ? m.bulkOwnerTitle(assetIds.length) : mode === 'classification' ? m.bulkClassificationTitle(assetIds.length) : '';
  return (
    <Modal opened={mode !== null} onClose={() => onClose(false)} title={title} centered>
      {mode ? <BulkForm key={mode} orgId={props.orgId} mode={mode} assetIds={assetIds} levels={props.levels} onDone={onClose} /> : null}
    </Modal>
  );
}
