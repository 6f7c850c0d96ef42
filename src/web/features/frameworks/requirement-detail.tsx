/**
 * One requirement: its identity (citation, kind, R/A flag), its place in the tree, its text and guidance,
 * and its crosswalk grouped by source, each group saying whether it is an official NIST mapping, derived
 * from NIST mappings (HIPAA → ISO through SP 800-53) or Custos's editorial judgement (UX "Trust": regulatory anchors visible where they matter).
 */
import { Anchor, Badge, Breadcrumbs, Card, Divider, Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LINK_SOURCES, REQUIREMENT_KIND_LABELS, type TCrosswalkLink, type TRequirementDetail } from '../../../shared/contracts/frameworks.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { ObligationBadge, ProvenanceBadge } from './framework-badges.js';
import { requirementQuery } from './frameworks-api.js';
import { frameworkMessages as m } from './messages.js';
import classes from './frameworks.module.css';

function kindLabel(kind: string): string {
  return (REQUIREMENT_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

function CrosswalkGroup({ orgId, source, links }: { orgId: string; source: TCrosswalkLink['source']; links: TCrosswalkLink[] }) {
  return (
    <Stack gap={6} data-testid={`crosswalk-${source}`}>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {m.linkSource[source]}
        </Text>
        <ProvenanceBadge source={source} />
      </Group>
      <List size="sm" spacing={4} listStyleType="none">
        {links.map((link) => (
          <List.Item key={`${link.direction}-${link.requirement.id}`}>
            <Group gap={6} wrap="nowrap" align="baseline">
              <Text span size="xs" c="dimmed" w={76} style={{ flexShrink: 0 }}>
                {link.direction === 'outgoing' ? m.outgoing : m.incoming}
              </Text>
              <Text span size="sm">
                <RouterAnchor to="/o/$orgId/frameworks/$frameworkId" params={{ orgId, frameworkId: link.requirement.frameworkId }} search={{ requirement: link.requirement.id }}>
                  {link.requirement.frameworkShortName} {link.requirement.ref}
                </RouterAnchor>{' '}
                {link.requirement.title}
              </Text>
              <Badge size="xs" variant="default" style={{ flexShrink: 0 }} title={link.note ?? undefined}>
                {m.strength[link.strength]}
              </Badge>
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Parameters({ data }: { data: TRequirementDetail['data'] }) {
  const params = Array.isArray(data?.params) ? (data.params as { id: string; label?: string }[]) : [];
  if (params.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {m.parameters}
      </Text>
      <List size="xs" spacing={2}>
        {params.map((p) => (
          <List.Item key={p.id}>
            <Text span ff="monospace" size="xs">
              {p.id}
            </Text>
            {p.label ? ` — ${p.label}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

export function RequirementDetailPanel({ orgId, requirementId, onSelect }: { orgId: string; requirementId: string; onSelect: (id: string) => void }) {
  const query = useQuery(requirementQuery(orgId, requirementId));
  if (query.isPending) return <LoadingState rows={6} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const isIso = r.framework.id === 'iso27001-2022';
  const newIn2022 = r.data?.new_in_2022 === true;
  return (
    <Card withBorder padding="lg" radius="md" data-testid="requirement-detail">
      <Stack gap="md">
        {r.path.length > 0 ? (
          <Breadcrumbs separator="›" separatorMargin={4}>
            {r.path.map((p) => (
              <Anchor key={p.id} component="button" type="button" size="xs" onClick={() => onSelect(p.id)}>
                {p.ref} {p.title}
              </Anchor>
            ))}
          </Breadcrumbs>
        ) : null}
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="default">{kindLabel(r.kind)}</Badge>
            <ObligationBadge obligation={r.obligation} />
            {r.theme ? <Badge variant="light" color="gray">{r.theme}</Badge> : null}
            {newIn2022 ? <Badge variant="light" color="cyan">{m.newIn2022}</Badge> : null}
            {!r.assessable ? (
              <Text size="xs" c="dimmed">
                {m.notAssessable}
              </Text>
            ) : null}
          </Group>
          <Title order={2} fz="xl" data-testid="requirement-title">
            <Text span ff="monospace" inherit>
              {r.ref}
            </Text>{' '}
            {r.title}
          </Title>
          <Text size="xs" c="dimmed">
            {r.framework.name}
          </Text>
        </Stack>
        {r.obligation ? <Text size="sm">{m.obligationHint[r.obligation]}</Text> : null}
        {r.text ? (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {m.text}
            </Text>
            <Text size="sm" className={classes.text} data-testid="requirement-text">
              {r.text}
            </Text>
          </Stack>
        ) : null}
        {r.guidance ? (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {r.framework.origin === 'builtin' && r.framework.id !== 'nist-sp800-53-r5' ? m.ourGuidance : m.guidance}
            </Text>
            <Text size="sm" className={classes.text} lineClamp={r.framework.origin === 'oscal' || r.framework.id === 'nist-sp800-53-r5' ? 12 : undefined}>
              {r.guidance}
            </Text>
          </Stack>
        ) : null}
        {isIso ? (
          <Text size="xs" c="dimmed">
            {m.isoTextNotice}
          </Text>
        ) : null}
        <Parameters data={r.data} />
        {r.children.length > 0 ? (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {m.children}
            </Text>
            <Stack gap={0}>
              {r.children.map((c) => (
                <UnstyledButton key={c.id} className={classes.row} onClick={() => onSelect(c.id)}>
                  <Group gap={8} wrap="nowrap">
                    <Text span ff="monospace" size="sm" fw={600} className={classes.ref}>
                      {c.ref}
                    </Text>
                    <Text span size="sm">
                      {c.title}
                    </Text>
                    <ObligationBadge obligation={c.obligation} />
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </Stack>
        ) : null}
        <Divider />
        <Stack gap="sm">
          <Title order={3} fz="md">
            {m.crosswalk}
          </Title>
          {r.links.length === 0 ? (
            <Text size="sm" c="dimmed">
              {m.noLinks}
            </Text>
          ) : (
            LINK_SOURCES.map((source) => {
              const links = r.links.filter((l) => l.source === source);
              return links.length > 0 ? <CrosswalkGroup key={source} orgId={orgId} source={source} links={links} /> : null;
            })
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
