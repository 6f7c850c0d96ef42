/** A risk's scenario, read-only: threat, sources, vulnerabilities, affected assets, owner, provenance and dates. */
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CONTROL_STATUSES, EFFECTIVENESS, type ControlStatus, type Effectiveness } from '../../../shared/compliance.js';
import type { TRiskDetail } from '../../../shared/contracts/risks.js';
import { formatDateTime, zoneLabel } from '../../kernel/format.js';
import { RouterAnchor } from '../../ui/links.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { hasPermission } from '../auth/index.js';
import { EffectivenessBadge, StatusBadge } from '../controls/index.js';
import { riskMessages as m } from './messages.js';
import { DueDate, EphiBadge, RiskStatusBadge } from './risk-badges.js';
import { useRiskCatalogue } from './risk-method-api.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

const label = { textTransform: 'none' as const };
const isStatus = (value: string): value is ControlStatus => (CONTROL_STATUSES as readonly string[]).includes(value);
const isEffectiveness = (value: string): value is Effectiveness => (EFFECTIVENESS as readonly string[]).includes(value);

export function RiskOverviewTab({ risk }: { risk: TRiskDetail }) {
  const { orgId, membership } = useCurrentOrg();
  const catalogue = useRiskCatalogue(orgId).data;
  const sourceTitles = new Map((catalogue?.threatSources ?? []).map((entry) => [entry.id, entry.title]));
  // A gap rule in words: the catalogue's vulnerability that the rule detects.
  const gapRuleTitle = (rule: string) => catalogue?.vulnerabilities.find((entry) => entry.gapRule === rule)?.title ?? rule;
  const canReadAssets = hasPermission(membership, 'asset.read');
  const timeZone = membership.timeZone;
  return (
    <Stack gap="md" maw={1100}>
      <Paper withBorder radius="md" p="lg">
        <Text size="xs" c="dimmed" fw={600} mb={4}>
          {m.overview.description}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={risk.description ? undefined : 'dimmed'} data-testid="risk-description">
          {risk.description || m.overview.noDescription}
        </Text>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
          <Field label={m.overview.threat}>
            <Text size="sm" c={risk.threatTitle ? undefined : 'dimmed'} data-testid="risk-threat">
              {risk.threatTitle ?? m.overview.noThreat}
            </Text>
          </Field>
          <Field label={m.overview.threatSources}>
            {risk.threatSourceIds.length ? (
              <Group gap={4}>
                {risk.threatSourceIds.map((id) => (
                  <Badge key={id} variant="default" styles={{ label }}>
                    {sourceTitles.get(id) ?? id}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {m.overview.none}
              </Text>
            )}
          </Field>
          <Field label={m.overview.vulnerabilities}>
            {risk.vulnerabilities.length ? (
              <Stack gap={2} data-testid="risk-vulnerabilities">
                {risk.vulnerabilities.map((v) => (
                  <Text key={v.id} size="sm">
                    {v.title}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {m.overview.none}
              </Text>
            )}
          </Field>
          <Field label={m.overview.owner}>
            <Text size="sm" c={risk.owner ? undefined : 'dimmed'} data-testid="risk-owner">
              {risk.owner?.name ?? m.nobody}
            </Text>
          </Field>
          <Field label={m.overview.category}>
            <Text size="sm">{m.categories[risk.category]}</Text>
          </Field>
          <Field label={m.overview.status}>
            <RiskStatusBadge status={risk.status} />
          </Field>
          <Field label={m.overview.nextReview}>
            <DueDate date={risk.nextReviewOn} isOverdue={risk.reviewOverdue} />
          </Field>
          <Field label={m.overview.created}>
            <Text size="sm">{formatDateTime(risk.createdAt, timeZone)}</Text>
          </Field>
          <Field label={m.overview.updated}>
            <Text size="sm">{formatDateTime(risk.updatedAt, timeZone)}</Text>
          </Field>
          {risk.fromGap ? (
            <Field label={m.overview.fromGap}>
              {canReadAssets ? (
                <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: risk.fromGap.assetId }} search={{ tab: 'gaps' }} size="sm" data-testid="risk-from-gap">
                  {m.overview.fromGapText(risk.fromGap.assetName ?? risk.fromGap.assetId, gapRuleTitle(risk.fromGap.rule))}
                </RouterAnchor>
              ) : (
                <Text size="sm">{m.overview.fromGapText(risk.fromGap.assetName ?? '', gapRuleTitle(risk.fromGap.rule))}</Text>
              )}
            </Field>
          ) : null}
        </SimpleGrid>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Group gap="xs" mb="xs">
          <Text size="xs" c="dimmed" fw={600}>
            {m.overview.assets}
          </Text>
          {risk.handlesEphi ? <EphiBadge /> : null}
        </Group>
        {risk.assets.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.overview.noAssets}
          </Text>
        ) : (
          <Stack gap={4} data-testid="risk-assets">
            {risk.assets.map((asset) => (
              <Group key={asset.id} gap="xs">
                {canReadAssets ? (
                  <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: asset.id }} size="sm">
                    {asset.name}
                  </RouterAnchor>
                ) : (
                  <Text size="sm">{asset.name}</Text>
                )}
                {asset.handlesEphi ? <EphiBadge /> : null}
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Text size="xs" c="dimmed" fw={600} mb="xs">
          {m.controlsTitle}
        </Text>
        {risk.controls.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.noControlsBody}
          </Text>
        ) : (
          <Stack gap={6} data-testid="risk-overview-controls">
            {risk.controls.map((control) => (
              <Group key={control.id} gap="xs" wrap="wrap" data-control-code={control.code}>
                <Text size="sm" ff="monospace" fw={600}>
                  {control.code}
                </Text>
                <Text size="sm">{control.name}</Text>
                {isStatus(control.status) ? <StatusBadge value={control.status} /> : null}
                {isEffectiveness(control.effectiveness) ? <EffectivenessBadge value={control.effectiveness} /> : null}
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      <Text size="xs" c="dimmed">
        {m.dateInZone(zoneLabel(timeZone))}
      </Text>
    </Stack>
  );
}
