/**
 * The breach assessment's inputs, grouped as the law reads: the organization's roles; HIPAA (PHI
 * involved, the three exclusions of 164.402(1), the encryption/destruction safe harbor, the four factors
 * of 164.402(2)(i)–(iv) and the conclusion, a breach being presumed otherwise); GDPR (Art. 4(12) and the
 * Art. 33/34 risk). Every control has a label, each group a legend; problems read `field: problem`.
 */
import { Checkbox, Fieldset, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { GDPR_RISKS, GDPR_ROLES, HIPAA_ROLES } from '../../../shared/contracts/breach-clock.js';
import { FOUR_FACTOR_LABELS, FOUR_FACTORS, HIPAA_EXCLUSION_LABELS, HIPAA_EXCLUSIONS, SAFE_HARBOR_LABELS, SAFE_HARBORS, type FourFactor } from '../../../shared/contracts/incidents.js';
import type { AssessmentValues, FactorValues } from './assessment-values.js';
import { breachMessages } from './breach-messages.js';

const m = breachMessages.assessment;

export interface AssessmentFieldsProps {
  values: AssessmentValues;
  errors: Record<string, string>;
  onChange: (next: Partial<AssessmentValues>) => void;
  isReadOnly: boolean;
}

/** `label: problem`, or undefined when the key has no problem. */
function problem(errors: Record<string, string>, key: string, label: string): string | undefined {
  const message = errors[key];
  return message ? `${label}: ${message}` : undefined;
}

function FactorFields({ factor, value, errors, onChange }: { factor: FourFactor; value: FactorValues; errors: Record<string, string>; onChange: (next: FactorValues) => void }) {
  const { cite, label } = FOUR_FACTOR_LABELS[factor];
  const findingLabel = m.finding(cite);
  const indicatesLabel = m.indicates(cite);
  return (
    <Fieldset legend={`${cite} ${label}`} variant="filled" data-testid={`factor-${factor}`}>
      <Stack gap="sm">
        <Textarea
          label={findingLabel}
          autosize
          minRows={2}
          maxRows={10}
          value={value.finding}
          onChange={(event) => onChange({ ...value, finding: event.currentTarget.value })}
          error={problem(errors, `factors.${factor}.finding`, findingLabel)}
          data-testid={`factor-${factor}-finding`}
        />
        <Radio.Group
          label={indicatesLabel}
          value={value.indicates ?? ''}
          onChange={(next) => onChange({ ...value, indicates: next === 'low' || next === 'not_low' ? next : null })}
          error={problem(errors, `factors.${factor}.indicates`, indicatesLabel)}
          data-testid={`factor-${factor}-indicates`}
        >
          <Group gap="lg" mt={6}>
            <Radio value="low" label={m.indicatesLow} />
            <Radio value="not_low" label={m.indicatesNotLow} />
          </Group>
        </Radio.Group>
      </Stack>
    </Fieldset>
  );
}

function HipaaFields({ values, errors, onChange }: Omit<AssessmentFieldsProps, 'isReadOnly'>) {
  return (
    <Fieldset legend={m.hipaaLegend} data-testid="assessment-hipaa">
      <Stack gap="md">
        <Checkbox
          label={m.phiInvolved}
          description={m.phiInvolvedHint}
          checked={values.phiInvolved}
          onChange={(event) => onChange({ phiInvolved: event.currentTarget.checked })}
          error={problem(errors, 'phiInvolved', m.phiInvolved)}
          data-testid="assessment-phi-involved"
        />
        {values.phiInvolved ? (
          <>
            <Fieldset legend={m.exclusionLegend} variant="unstyled">
              <Stack gap="sm">
                <Radio.Group label={m.exclusion} value={values.exclusion} onChange={(next) => onChange({ exclusion: next as AssessmentValues['exclusion'] })} error={problem(errors, 'exclusion', m.exclusion)} data-testid="assessment-exclusion">
                  <Stack gap={6} mt={6}>
                    {HIPAA_EXCLUSIONS.map((key) => (
                      <Radio key={key} value={key} label={HIPAA_EXCLUSION_LABELS[key]} />
                    ))}
                  </Stack>
                </Radio.Group>
                {values.exclusion !== 'none' ? (
                  <Textarea
                    label={m.exclusionRationale}
                    description={m.exclusionRationaleHint}
                    required
                    autosize
                    minRows={2}
                    value={values.exclusionRationale}
                    onChange={(event) => onChange({ exclusionRationale: event.currentTarget.value })}
                    error={problem(errors, 'exclusionRationale', m.exclusionRationale)}
                    data-testid="assessment-exclusion-rationale"
                  />
                ) : null}
              </Stack>
            </Fieldset>
            <Fieldset legend={m.safeHarborLegend} variant="unstyled">
              <Stack gap="sm">
                <Radio.Group label={m.safeHarbor} value={values.safeHarbor} onChange={(next) => onChange({ safeHarbor: next as AssessmentValues['safeHarbor'] })} error={problem(errors, 'safeHarbor', m.safeHarbor)} data-testid="assessment-safe-harbor">
                  <Stack gap={6} mt={6}>
                    {SAFE_HARBORS.map((key) => (
                      <Radio key={key} value={key} label={SAFE_HARBOR_LABELS[key]} />
                    ))}
                  </Stack>
                </Radio.Group>
                {values.safeHarbor !== 'none' ? (
                  <Textarea
                    label={m.safeHarborEvidence}
                    description={m.safeHarborEvidenceHint}
                    required
                    autosize
                    minRows={2}
                    value={values.safeHarborEvidence}
                    onChange={(event) => onChange({ safeHarborEvidence: event.currentTarget.value })}
                    error={problem(errors, 'safeHarborEvidence', m.safeHarborEvidence)}
                    data-testid="assessment-safe-harbor-evidence"
                  />
                ) : null}
              </Stack>
            </Fieldset>
            <Fieldset legend={m.factorsLegend} variant="unstyled">
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {m.factorsIntro}
                </Text>
                {FOUR_FACTORS.map((factor) => (
                  <FactorFields key={factor} factor={factor} value={values.factors[factor]} errors={errors} onChange={(next) => onChange({ factors: { ...values.factors, [factor]: next } })} />
                ))}
                <Checkbox
                  label={m.lowProbability}
                  description={m.lowProbabilityHint}
                  checked={values.lowProbabilityOfCompromise}
                  onChange={(event) => onChange({ lowProbabilityOfCompromise: event.currentTarget.checked })}
                  error={problem(errors, 'lowProbabilityOfCompromise', m.lowProbability)}
                  data-testid="assessment-low-probability"
                />
              </Stack>
            </Fieldset>
          </>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

function GdprFields({ values, errors, onChange }: Omit<AssessmentFieldsProps, 'isReadOnly'>) {
  return (
    <Fieldset legend={m.gdprLegend} data-testid="assessment-gdpr">
      <Stack gap="md">
        <Radio.Group
          label={m.personalDataBreach}
          description={m.personalDataBreachHint}
          value={values.personalDataBreach ? 'yes' : 'no'}
          onChange={(next) => onChange({ personalDataBreach: next === 'yes' })}
          error={problem(errors, 'personalDataBreach', m.personalDataBreach)}
          data-testid="assessment-personal-data-breach"
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label={m.yes} />
            <Radio value="no" label={m.no} />
          </Group>
        </Radio.Group>
        {values.personalDataBreach ? (
          <>
            <Radio.Group label={m.gdprRisk} required value={values.gdprRisk ?? ''} onChange={(next) => onChange({ gdprRisk: next as AssessmentValues['gdprRisk'] })} error={problem(errors, 'gdprRisk', m.gdprRisk)} data-testid="assessment-gdpr-risk">
              <Stack gap={6} mt={6}>
                {GDPR_RISKS.map((key) => (
                  <Radio key={key} value={key} label={m.gdprRisks[key]} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={m.gdprRationale}
              description={m.gdprRationaleHint}
              required
              autosize
              minRows={2}
              value={values.gdprRationale}
              onChange={(event) => onChange({ gdprRationale: event.currentTarget.value })}
              error={problem(errors, 'gdprRationale', m.gdprRationale)}
              data-testid="assessment-gdpr-rationale"
            />
          </>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export function AssessmentFields({ values, errors, onChange, isReadOnly }: AssessmentFieldsProps) {
  return (
    // A disabled fieldset makes every control inside it read-only for readers without incident.assess.
    <Fieldset variant="unstyled" disabled={isReadOnly} p={0} m={0}>
      <Stack gap="lg">
        <Fieldset legend={m.rolesLegend} data-testid="assessment-roles">
          <Group gap="md" align="flex-start" wrap="wrap">
            <NativeSelect
              label={m.hipaaRole}
              value={values.hipaaRole}
              onChange={(event) => onChange({ hipaaRole: event.currentTarget.value as AssessmentValues['hipaaRole'] })}
              data={HIPAA_ROLES.map((value) => ({ value, label: m.hipaaRoles[value] }))}
              error={problem(errors, 'hipaaRole', m.hipaaRole)}
              data-testid="assessment-hipaa-role"
            />
            <NativeSelect
              label={m.gdprRole}
              value={values.gdprRole}
              onChange={(event) => onChange({ gdprRole: event.currentTarget.value as AssessmentValues['gdprRole'] })}
              data={GDPR_ROLES.map((value) => ({ value, label: m.gdprRoles[value] }))}
              error={problem(errors, 'gdprRole', m.gdprRole)}
              data-testid="assessment-gdpr-role"
            />
            {values.hipaaRole === 'business_associate' ? (
              <TextInput
                label={m.baNoticeDays}
                description={m.baNoticeDaysHint}
                type="number"
                min={1}
                max={60}
                maw={360}
                value={values.baNoticeDays}
                onChange={(event) => onChange({ baNoticeDays: event.currentTarget.value })}
                error={problem(errors, 'baNoticeDays', m.baNoticeDays)}
                data-testid="assessment-ba-notice-days"
              />
            ) : null}
          </Group>
        </Fieldset>
        <HipaaFields values={values} errors={errors} onChange={onChange} />
        <GdprFields values={values} errors={errors} onChange={onChange} />
      </Stack>
    </Fieldset>
  );
}
