/**
 * Plan → Gaps: where the register falls short of the handling rules (A.5.12, A.5.14, A.8.1, A.8.24;
 * 45 CFR 164.308(b)(1), 164.312). Counts per rule link to the list of that rule; every gap links to its asset.
 */
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { GAP_RULES, type GapRule } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { PageHeader } from '../../ui/page-header.js';
import classes from './assets.module.css';
import { gapsQuery, gapSummaryQuery } from './assets-api.js';
import { GapTable } from './gap-table.js';
import type { GapSearch } from './asset-search.js';
import { assetMessages as m, GAP_RULE_TEXT } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/gaps');

function RuleCard({ orgId, rule, count, isActive }: { orgId: string; rule: GapRule; count: number; isActive: boolean }) {
  const text = GAP_RULE_TEXT[rule];
  return (
    <Link
      to="/o/$orgId/gaps"
      params={{ orgId }}
      search={isActive ? {} : { rule }}
      className={classes.ruleCard}
      data-active={isActive || undefined}
      aria-current={isActive ? 'true' : undefined}
      data-testid={`gap-rule-${rule}`}
    >
      <Paper withBorder radius="md" p="md" h="100%" bg="transparent">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text size="sm" fw={500} lh={1.35}>
            {text.title}
          </Text>
          <Badge size="lg" variant={count > 0 ? 'filled' : 'light'} color={count > 0 ? 'red' : 'green'} data-testid="gap-rule-count" style={{ flexShrink: 0 }}>
            {count}
            <VisuallyHidden>{` ${m.gapsUnit(count)}`}</VisuallyHidden>
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {text.reference}
        </Text>
      </Paper>
    </Link>
  );
}

export function GapsPage() {
  const { orgId } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const summary = useQuery(gapSummaryQuery(orgId));
  const list = useQuery(gapsQuery(orgId, { rule: search.rule, page: search.page ?? 1, pageSize: search.pageSize ?? 50 }));
  const update = (next: Partial<GapSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }) });
  const counts = new Map((summary.data?.rules ?? []).map((entry) => [entry.rule, entry.count]));

  return (
    <>
      <PageHeader eyebrow={m.plan} title={m.gapsTitle} description={m.gapsDescription} />
      <Stack gap="lg">
        <section aria-labelledby="gaps-by-rule">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg" id="gaps-by-rule">
              {m.gapsByRule}
            </Title>
            {summary.data ? (
              <Text size="sm" c="dimmed" data-testid="gaps-total">
                {m.gapsTotal(summary.data.total)}
              </Text>
            ) : null}
          </Group>
          {summary.isError ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {summary.isPending
              ? GAP_RULES.slice(0, 6).map((rule) => <Skeleton key={rule} height={92} radius="md" />)
              : summary.data
                ? GAP_RULES.map((rule) => <RuleCard key={rule} orgId={orgId} rule={rule} count={counts.get(rule) ?? 0} isActive={search.rule === rule} />)
                : null}
          </SimpleGrid>
        </section>
        <section aria-labelledby="gaps-list">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} fz="lg" id="gaps-list">
              {search.rule ? GAP_RULE_TEXT[search.rule].title : m.allRules}
            </Title>
            {search.rule ? (
              <Button variant="subtle" size="xs" onClick={() => update({ rule: undefined, page: undefined })} data-testid="gaps-all-rules">
                {m.allRules}
              </Button>
            ) : null}
          </Group>
          <GapTable
            orgId={orgId}
            caption={m.gapsTitle}
            testId="gaps-table"
            page={list.data}
            isLoading={list.isPending}
            isFetching={list.isFetching}
            error={list.error}
            onRetry={() => void list.refetch()}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
          />
        </section>
      </Stack>
    </>
  );
}
