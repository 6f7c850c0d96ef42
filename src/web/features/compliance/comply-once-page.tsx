/**
 * Check → Readiness → a control: "comply once". Every requirement the control satisfies across
 * frameworks, directly linked or reached through the crosswalk, with the crosswalk's source (official
 * NIST mapping, derived from NIST mappings, or Custos's editorial judgement) and strength, grouped by framework.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TSatisfiedRequirement } from '../../../shared/contracts/compliance.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { complyOnceQuery } from './compliance-api.js';
import { complianceMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/readiness/controls/$controlId');

function Via({ requirement }: { requirement: TSatisfiedRequirement }) {
  if (requirement.via === 'direct') {
    return (
      <Badge variant="light" color="green" styles={{ label: { textTransform: 'none' } }} data-testid="via" data-via="direct">
        {m.direct}
      </Badge>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Badge variant="outline" color="blue" styles={{ label: { textTransform: 'none' } }} data-testid="via" data-via="crosswalk">
        {m.viaCrosswalk}
      </Badge>
      {requirement.crosswalk.map((path) => (
        <Text key={`${path.throughId}-${path.source}`} size="xs" c="dimmed">
          {`${m.through(path.throughRef, path.throughFramework)} · ${m.crosswalkSources[path.source]} · ${m.strengths[path.strength] ?? path.strength}`}
        </Text>
      ))}
    </Stack>
  );
}

export function ComplyOncePage() {
  const { orgId } = useCurrentOrg();
  const { controlId } = route.useParams();
  const query = useQuery(complyOnceQuery(orgId, controlId));
  if (query.isPending) return <LoadingState rows={8} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { control, frameworks, requirements } = query.data;
  const byFramework = frameworks.map((f) => ({ ...f, rows: requirements.filter((r) => r.frameworkId === f.frameworkId) }));
  return (
    <>
      <PageHeader
        eyebrow={m.complyEyebrow}
        title={m.complyTitle(control.code, control.name)}
        description={m.complyDescription}
        testId="comply-once-title"
        actions={
          <LinkButton to="/o/$orgId/controls/$controlId" params={{ orgId, controlId }} variant="default">
            {m.openControl}
          </LinkButton>
        }
      />
      <Group gap="xs" mb="md">
        <Badge variant="light" styles={{ label: { textTransform: 'none' } }}>
          {m.controlStatuses[control.status]}
        </Badge>
        <Badge variant="outline" styles={{ label: { textTransform: 'none' } }}>
          {m.effectiveness[control.effectiveness]}
        </Badge>
        {control.inherited ? (
          <Badge variant="light" color="grape" styles={{ label: { textTransform: 'none' } }}>
            {`${m.inherited}: ${control.organizationName}`}
          </Badge>
        ) : null}
        <Text size="sm">{m.evidenceCount(control.evidenceCount)}</Text>
      </Group>
      {requirements.length === 0 ? (
        <EmptyState title={m.complyEmpty} description={m.complyEmptyBody} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mb="lg">
            {byFramework.map((f) => (
              <Paper key={f.frameworkId} withBorder radius="md" p="sm" data-testid="comply-framework" data-framework={f.frameworkId}>
                <Text fw={600} size="sm">
                  {f.frameworkName}
                </Text>
                <Text size="sm">{m.frameworkSummary(f.direct, f.crosswalk)}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Stack gap="lg">
            {byFramework.map((f) => (
              <Paper key={f.frameworkId} withBorder radius="md" p="md">
                <Title order={2} fz="md" mb="xs">
                  {f.frameworkName}
                </Title>
                <Table.ScrollContainer minWidth={620}>
                  <Table fz="sm" verticalSpacing="xs" striped data-testid="comply-table">
                    <TableCaption>{f.frameworkName}</TableCaption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col" w={190}>{m.columns.ref}</Table.Th>
                        <Table.Th scope="col">{m.requirementColumn}</Table.Th>
                        <Table.Th scope="col" w={320}>{m.basisColumn}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {f.rows.map((r) => (
                        <Table.Tr key={r.id} data-testid="comply-row" data-ref={r.ref}>
                          <Table.Td ff="monospace">{r.ref}</Table.Td>
                          <Table.Td>{r.title}</Table.Td>
                          <Table.Td>
                            <Via requirement={r} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </>
  );
}
