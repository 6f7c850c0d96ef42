/**
 * The breach assessment of an incident (45 CFR 164.402; GDPR Arts. 4(12), 33, 34): editable with
 * incident.assess, read-only otherwise and once archived. The conclusions are derived by the server and
 * shown as badges (in words, never by colour alone); the API's refusals land on the input their path
 * names (`body.factors.mitigation.finding`). Saving recomputes the notification clocks.
 */
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GDPR_CONCLUSION_LABELS, HIPAA_CONCLUSION_LABELS, type GdprConclusion, type HipaaConclusion, type TBreachAssessment, type TIncident } from '../../../shared/contracts/incidents.js';
import { isApiError } from '../../kernel/api-client.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { hasPermission } from '../auth/index.js';
import { AssessmentFields } from './assessment-fields.js';
import { assessmentIssueKey, assessmentProblems, assessmentRequest, assessmentValuesOf, type AssessmentValues } from './assessment-values.js';
import { assessmentQuery, breachKeys, incidentSettingsQuery, invalidateBreach, saveAssessment } from './breach-api.js';
import { breachMessages } from './breach-messages.js';

const m = breachMessages.assessment;

export interface AssessmentTabProps {
  orgId: string;
  incident: TIncident;
  onChanged: () => void;
}

const HIPAA_COLOUR: Record<HipaaConclusion, string> = { not_assessed: 'gray', no_phi: 'green', excluded: 'green', safe_harbor: 'green', low_probability: 'green', breach: 'red' };
const GDPR_COLOUR: Record<GdprConclusion, string> = { not_assessed: 'gray', no_breach: 'green', none: 'yellow', risk: 'orange', high: 'red' };

export function ConclusionBadges({ hipaa, gdpr }: { hipaa: HipaaConclusion; gdpr: GdprConclusion }) {
  return (
    <Group gap="sm" wrap="wrap" data-testid="assessment-conclusions">
      <Badge color={HIPAA_COLOUR[hipaa]} variant="light" tt="none" h="auto" py={4} styles={{ label: { whiteSpace: 'normal' } }} data-testid="hipaa-conclusion" data-conclusion={hipaa}>
        {`${m.hipaaConclusion}: ${HIPAA_CONCLUSION_LABELS[hipaa]}`}
      </Badge>
      <Badge color={GDPR_COLOUR[gdpr]} variant="light" tt="none" h="auto" py={4} styles={{ label: { whiteSpace: 'normal' } }} data-testid="gdpr-conclusion" data-conclusion={gdpr}>
        {`${m.gdprConclusion}: ${GDPR_CONCLUSION_LABELS[gdpr]}`}
      </Badge>
    </Group>
  );
}

function AssessmentEditor({ orgId, incident, assessment, initialValues, isReadOnly, timeZone, onChanged }: { orgId: string; incident: TIncident; assessment: TBreachAssessment; initialValues: AssessmentValues; isReadOnly: boolean; timeZone: string; onChanged: () => void }) {
  const queryClient = useQueryClient();
  const [initial, setInitial] = useState(initialValues);
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);

  const change = (next: Partial<AssessmentValues>) => {
    setValues((current) => ({ ...current, ...next }));
    const touched = Object.keys(next);
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched.some((field) => key === field || key.startsWith(`${field}.`)))));
  };

  /** Problems whose path names no input on screen are listed above the buttons, never dropped. */
  const showProblems = (problems: Record<string, string>) => {
    setErrors(problems);
    setUnmatched(Object.entries(problems).filter(([key]) => !isShownKey(key, values)).map(([key, message]) => `${key}: ${message}`));
  };

  const save = async () => {
    setError(null);
    setUnmatched([]);
    const problems = assessmentProblems(values);
    if (Object.keys(problems).length > 0) {
      showProblems(problems);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const result = await saveAssessment(orgId, incident.id, assessmentRequest(values));
      queryClient.setQueryData(breachKeys.assessment(orgId, incident.id), result);
      await invalidateBreach(queryClient, orgId);
      const next = assessmentValuesOf(result, incident, undefined);
      setInitial(next);
      setValues(next);
      notifications.show({ color: 'green', message: m.saved });
      onChanged();
    } catch (cause) {
      const issues = isApiError(cause) ? cause.issues : [];
      if (issues.length > 0) showProblems(Object.fromEntries(issues.map((issue) => [assessmentIssueKey(issue.path), issue.message])));
      else setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={isDirty && !isReadOnly} />
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={3} fz="md">
            {m.conclusionsTitle}
          </Title>
          <ConclusionBadges hipaa={assessment.hipaaConclusion} gdpr={assessment.gdprConclusion} />
          <Text size="xs" c="dimmed" data-testid="assessment-meta">
            {assessment.assessedAt ? m.assessedMeta(`${formatDateTime(assessment.assessedAt, timeZone)} (${timeZone})`, assessment.assessedBy?.name ?? null) : m.notAssessed}
          </Text>
        </Stack>
      </Paper>
      <AssessmentFields values={values} errors={errors} onChange={change} isReadOnly={isReadOnly} />
      {unmatched.length > 0 ? (
        <Alert color="red" variant="light" title={m.problemsTitle} role="alert" data-testid="assessment-problems">
          <Stack gap={2}>
            {unmatched.map((line) => (
              <Text key={line} size="sm">
                {line}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {error ? <ErrorState error={error} title={m.problemsTitle} /> : null}
      {isReadOnly ? null : (
        <>
          <Text size="xs" c="dimmed">
            {m.recorded}
          </Text>
          <Group gap="sm">
            <Button onClick={() => void save()} loading={isSaving} disabled={!isDirty && assessment.assessed} data-testid="assessment-save">
              {m.save}
            </Button>
            <Button
              variant="default"
              disabled={!isDirty || isSaving}
              onClick={() => {
                setValues(initial);
                setErrors({});
                setUnmatched([]);
                setError(null);
              }}
            >
              {m.reset}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Whether a problem's key belongs to an input the form shows for these values (else it is listed as unmatched). */
function isShownKey(key: string, values: AssessmentValues): boolean {
  const field = key.split('.')[0] ?? '';
  if (['hipaaRole', 'gdprRole', 'phiInvolved', 'personalDataBreach'].includes(field)) return true;
  if (field === 'baNoticeDays') return values.hipaaRole === 'business_associate';
  if (['exclusion', 'safeHarbor', 'factors', 'lowProbabilityOfCompromise'].includes(field)) return values.phiInvolved;
  if (field === 'exclusionRationale') return values.phiInvolved && values.exclusion !== 'none';
  if (field === 'safeHarborEvidence') return values.phiInvolved && values.safeHarbor !== 'none';
  if (field === 'gdprRisk' || field === 'gdprRationale') return values.personalDataBreach;
  return false;
}

export function AssessmentTab({ orgId, incident, onChanged }: AssessmentTabProps) {
  const { membership } = useCurrentOrg();
  const timeZone = membership.timeZone || 'UTC';
  const canAssess = hasPermission(membership, 'incident.assess');
  const isArchived = incident.archivedAt !== null;
  const assessment = useQuery(assessmentQuery(orgId, incident.id));
  const settings = useQuery({ ...incidentSettingsQuery(orgId), enabled: assessment.data?.assessed === false });

  if (assessment.isPending) return <LoadingState rows={8} />;
  if (assessment.isError) return <ErrorState error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (!assessment.data.assessed && settings.isPending) return <LoadingState rows={8} />;
  const isReadOnly = !canAssess || isArchived;
  const initialValues = assessmentValuesOf(assessment.data, incident, settings.data);

  return (
    <Stack gap="md" maw={1100} data-testid="assessment-tab">
      <Text size="sm" c="dimmed">
        {m.intro}
      </Text>
      {isArchived ? (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
          {breachMessages.common.archived}
        </Alert>
      ) : !canAssess ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="assessment-read-only">
          {m.readOnly}
        </Alert>
      ) : null}
      {/* A new assessment (saved here or elsewhere) starts the editor from what is stored. */}
      <AssessmentEditor
        key={assessment.data.assessedAt ?? 'new'}
        orgId={orgId}
        incident={incident}
        assessment={assessment.data}
        initialValues={initialValues}
        isReadOnly={isReadOnly}
        timeZone={timeZone}
        onChanged={onChanged}
      />
    </Stack>
  );
}
