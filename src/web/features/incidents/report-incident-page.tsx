/**
 * Do → Report an incident: the short form any member of the workforce may send (ISO/IEC 27001:2022
 * A.6.8; 45 CFR 164.308(a)(6)(ii)). The title is not encrypted, so it says not to put patient identifiers
 * in it. After sending, the reference is shown and the person's own reports are listed below.
 */
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { INCIDENT_CATEGORIES, ZReportIncidentRequest, type IncidentCategory } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { zoneLabel } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { hasPermission } from '../auth/index.js';
import { AssetPicker } from './incident-form-pickers.js';
import { instantOfLocal } from './incident-form-values.js';
import { incidentKeys, reportIncident } from './incidents-api.js';
import { incidentMessages } from './messages.js';
import { MyReportsList } from './my-reports-list.js';

const m = incidentMessages.report;

interface ReportValues extends Record<string, unknown> {
  title: string;
  description: string;
  category: IncidentCategory;
  occurredAt: string;
  assetIds: string[];
  phiMayBeInvolved: boolean;
}

const EMPTY: ReportValues = { title: '', description: '', category: 'other', occurredAt: '', assetIds: [], phiMayBeInvolved: false };
const LABELS = { title: incidentMessages.fields.title, description: m.descriptionLabel, category: incidentMessages.fields.category, occurredAt: m.occurredAt, assetIds: m.assets, phiMayBeInvolved: m.phi };

function ReportForm({ onSent }: { onSent: (sent: { id: string; ref: string }) => void }) {
  const { orgId, membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const timeZone = membership.timeZone;
  const canPickAssets = hasPermission(membership, 'asset.read');
  const form = useContractForm({
    initialValues: EMPTY,
    schema: ZReportIncidentRequest,
    labels: LABELS,
    toRequest: (values) => ({ ...values, occurredAt: instantOfLocal(values.occurredAt, timeZone), assetIds: canPickAssets ? values.assetIds : [] }),
  });
  const submit = form.onSubmit(async (request) => {
    const sent = await reportIncident(orgId, request);
    form.reset(EMPTY);
    await queryClient.invalidateQueries({ queryKey: incidentKeys.all(orgId) });
    onSent(sent);
  });
  return (
    <Paper withBorder radius="md" p="lg" maw={760}>
      <UnsavedChangesGuard when={form.isDirty && !form.isSubmitting} />
      <form onSubmit={submit} noValidate data-testid="report-incident-form">
        <Stack gap="md">
          <TextInput {...form.textProps('title')} description={m.titleHint} required maxLength={200} data-testid="report-title" />
          <Textarea {...form.textProps('description')} label={m.descriptionLabel} description={m.descriptionHint} required autosize minRows={5} maxRows={16} data-testid="report-description" />
          <NativeSelect
            label={LABELS.category}
            value={form.values.category}
            data={INCIDENT_CATEGORIES.map((value) => ({ value, label: incidentMessages.categories[value] }))}
            error={form.errors.category}
            required
            onChange={(event) => form.setValue('category', event.currentTarget.value as IncidentCategory)}
            data-testid="report-category"
          />
          <TextInput type="datetime-local" step={60} {...form.textProps('occurredAt')} description={m.occurredAtHint(zoneLabel(timeZone))} maw={320} data-testid="report-occurred-at" />
          {canPickAssets ? <AssetPicker orgId={orgId} label={m.assets} description={m.assetsHint} value={form.values.assetIds} onChange={(ids) => form.setValue('assetIds', ids)} error={form.errors.assetIds} maxValues={20} testId="report-assets" /> : null}
          <Checkbox label={m.phi} description={m.phiHint} checked={form.values.phiMayBeInvolved} onChange={(event) => form.setValue('phiMayBeInvolved', event.currentTarget.checked)} data-testid="report-phi" />
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting} data-testid="report-submit">
              {m.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ReportIncidentPage() {
  const { orgId, membership } = useCurrentOrg();
  const [sent, setSent] = useState<{ id: string; ref: string } | null>(null);
  const canRead = hasPermission(membership, 'incident.read');
  return (
    <>
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      <Stack gap="lg">
        {sent ? (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title={m.sentTitle(sent.ref)} role="status" maw={760} data-testid="report-sent" data-incident-ref={sent.ref}>
            <Stack gap="sm">
              <span>{m.sentBody(sent.ref)}</span>
              <Group gap="sm">
                <Button variant="default" onClick={() => setSent(null)} data-testid="report-another">
                  {m.another}
                </Button>
                {canRead ? (
                  <LinkButton to="/o/$orgId/incidents/$incidentId" params={{ orgId, incidentId: sent.id }} variant="light">
                    {m.open}
                  </LinkButton>
                ) : null}
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ReportForm onSent={setSent} />
        )}
        <MyReportsList orgId={orgId} timeZone={membership.timeZone} canOpen={canRead} />
      </Stack>
    </>
  );
}
