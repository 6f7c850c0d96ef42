/**
 * A risk's three assessments (ISO/IEC 27001:2022 6.1.2 d, 8.2): editable with the live matrix when the
 * risk's abilities allow it, read-only otherwise. Saving sends only the stages that changed, with the
 * version read (a change made meanwhile is refused with 409, never overwritten); the API's refusals land
 * on the select they name (`current.impacts.patient_safety`).
 */
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RISK_STAGES, type RiskStage, type TRiskDetail, type TRiskMethodVersion, type TUpdateRiskRequest } from '../../../shared/contracts/risks.js';
import { isApiError } from '../../kernel/api-client.js';
import { formatDateTime } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { AssessmentFields } from './assessment-form.js';
import { assessmentIssueKey, assessmentProblems, assessmentValuesOf, changedStages, ratesPatientSafety, stageRequest, type AssessmentValues, type StageValues } from './assessment-values.js';
import { riskMessages as m } from './messages.js';
import { LevelBadge } from './risk-badges.js';
import { useRiskMethod } from './risk-method-api.js';
import { invalidateRisks, riskKeys, updateRisk } from './risks-api.js';

function AssessedMeta({ risk, timeZone, methodVersion }: { risk: TRiskDetail; timeZone: string; methodVersion: number }) {
  const rows = RISK_STAGES.map((stage) => ({ stage, view: risk.assessments[stage] })).filter((row) => row.view !== null);
  if (rows.length === 0) return null;
  return (
    <Table verticalSpacing={4} withRowBorders={false} data-testid="assessment-meta">
      <Table.Tbody>
        {rows.map(({ stage, view }) => (
          <Table.Tr key={stage} data-stage={stage} data-method-version={view!.methodVersion}>
            <Table.Td w={220}>
              <LevelBadge level={view!.level} stage={stage} />
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {m.assessedMeta(view!.methodVersion, formatDateTime(view!.assessedAt, timeZone), view!.assessedBy?.name ?? null)}
                {view!.methodVersion !== methodVersion ? ` ${m.olderMethod(view!.methodVersion, methodVersion)}` : ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AssessmentEditor({ orgId, risk, method, timeZone }: { orgId: string; risk: TRiskDetail; method: TRiskMethodVersion; timeZone: string }) {
  const queryClient = useQueryClient();
  const [initial, setInitial] = useState<AssessmentValues>(() => assessmentValuesOf(risk.assessments, method.method));
  const [values, setValues] = useState<AssessmentValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const changed = changedStages(method.method, initial, values);
  const isDirty = changed.length > 0;

  const setStage = (stage: RiskStage, next: StageValues) => {
    setValues((current) => ({ ...current, [stage]: next }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(stage))));
  };

  const save = async () => {
    setError(null);
    const problems = assessmentProblems(method.method, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: TUpdateRiskRequest = { version: risk.version };
    for (const stage of changed) body[stage] = stageRequest(method.method, values[stage]);
    setSaving(true);
    try {
      const result = await updateRisk(orgId, risk.id, body);
      queryClient.setQueryData(riskKeys.detail(orgId, risk.id), result);
      await invalidateRisks(queryClient, orgId);
      const next = assessmentValuesOf(result.assessments, method.method);
      setInitial(next);
      setValues(next);
      notifications.show({ color: 'green', message: m.assessmentSaved });
    } catch (cause) {
      const mapped: Record<string, string> = {};
      for (const issue of isApiError(cause) ? cause.issues : []) {
        const key = assessmentIssueKey(issue.path);
        if (key) mapped[key] = `${m.stages[key.split('.')[0] as RiskStage]}: ${issue.message}`;
      }
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || !isApiError(cause) || cause.issues.length > Object.keys(mapped).length) setError(cause);
    } finally {
      setSaving(false);
    }
  };
  const isConflict = isApiError(error) && error.code === 'conflict';

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={isDirty} />
      <AssessedMeta risk={risk} timeZone={timeZone} methodVersion={method.version} />
      <AssessmentFields method={method.method} methodVersion={method.version} values={values} onChange={setStage} errors={errors} />
      {ratesPatientSafety(method.method, values) ? (
        <Alert variant="light" color="grape" icon={<IconInfoCircle aria-hidden />} data-testid="risk-patient-safety-note">
          {m.patientSafetyNote}
        </Alert>
      ) : null}
      {error ? (
        <Stack gap="xs">
          <ErrorState error={error} title={isConflict ? m.conflict : undefined} />
          {isConflict ? (
            <Group>
              <Button variant="default" size="xs" onClick={() => void queryClient.invalidateQueries({ queryKey: riskKeys.detail(orgId, risk.id) })}>
                {m.reload}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
      <Text size="xs" c="dimmed">
        {m.assessmentRecorded}
      </Text>
      <Group gap="sm">
        <Button onClick={() => void save()} loading={isSaving} disabled={!isDirty} data-testid="assessment-save">
          {m.editAssessment}
        </Button>
        <Button
          variant="default"
          disabled={!isDirty || isSaving}
          onClick={() => {
            setValues(initial);
            setErrors({});
            setError(null);
          }}
        >
          {m.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

export function RiskAssessmentTab({ orgId, risk, timeZone }: { orgId: string; risk: TRiskDetail; timeZone: string }) {
  const method = useRiskMethod(orgId);
  if (method.isPending) return <LoadingState rows={6} label={m.methodLoading} />;
  if (method.isError) return <ErrorState error={method.error} onRetry={() => void method.refetch()} />;
  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        {m.assessmentIntro}
      </Text>
      {risk.abilities.update ? (
        // A new version of the risk (saved here or elsewhere) starts the editor from what is stored.
        <AssessmentEditor key={`${risk.id}:${risk.version}`} orgId={orgId} risk={risk} method={method.data} timeZone={timeZone} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed" data-testid="assessment-read-only">
            {m.notEditableHint}
          </Text>
          <AssessedMeta risk={risk} timeZone={timeZone} methodVersion={method.data.version} />
          <AssessmentFields method={method.data.method} methodVersion={method.data.version} values={assessmentValuesOf(risk.assessments, method.data.method)} onChange={() => undefined} errors={{}} disabled />
        </Stack>
      )}
    </Stack>
  );
}
