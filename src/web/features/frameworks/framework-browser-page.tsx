/**
 * The framework browser (issue 4 item 7): the framework's requirements as a collapsible tree with
 * search and filters on the left, the chosen requirement with its crosswalk on the right. Search,
 * filters and the selection live in the URL.
 */
import { Button, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconArrowLeft, IconDownload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { REQUIREMENT_KIND_LABELS, REQUIREMENT_KINDS } from '../../../shared/contracts/frameworks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { OriginBadge } from './framework-badges.js';
import { isSearching, type FrameworkBrowserSearch } from './framework-search.js';
import { crosswalkCsvUrl, frameworkQuery, requirementQuery, requirementsQuery } from './frameworks-api.js';
import { frameworkMessages as m } from './messages.js';
import { RequirementDetailPanel } from './requirement-detail.js';
import { RequirementResults, RequirementTree } from './requirement-tree.js';
import classes from './frameworks.module.css';

const route = getRouteApi('/_authed/o/$orgId/frameworks/$frameworkId');

export function FrameworkBrowserPage() {
  const { orgId } = useCurrentOrg();
  const { frameworkId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const framework = useQuery(frameworkQuery(orgId, frameworkId));
  const themes = useQuery({ ...requirementsQuery(orgId, frameworkId, { parentId: 'root', pageSize: 2000 }), select: (page) => page.themes });
  const selected = useQuery({ ...requirementQuery(orgId, search.requirement ?? ''), enabled: Boolean(search.requirement) });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [text, setText] = useState(search.q ?? '');

  const update = (next: Partial<FrameworkBrowserSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace: options?.replace ?? false });
  const setQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }, { replace: true }), 300);
  const select = (id: string) => update({ requirement: id });

  useEffect(() => setText(search.q ?? ''), [search.q]);
  // A requirement reached by a crosswalk link opens the tree down to it.
  const path = selected.data && selected.data.framework.id === frameworkId ? selected.data.path : null;
  useEffect(() => {
    if (!path || path.length === 0) return;
    setExpanded((current) => (path.every((p) => current.has(p.id)) ? current : new Set([...current, ...path.map((p) => p.id)])));
  }, [path]);

  if (framework.isPending) return <LoadingState rows={8} />;
  if (framework.error) return <ErrorState error={framework.error} onRetry={() => void framework.refetch()} />;
  const f = framework.data;
  const searching = isSearching(search);

  return (
    <>
      <PageHeader
        eyebrow={
          <LinkButton to="/o/$orgId/frameworks" params={{ orgId }} variant="subtle" size="compact-xs" leftSection={<IconArrowLeft size={14} aria-hidden />}>
            {m.backToFrameworks}
          </LinkButton>
        }
        title={f.name}
        actions={
          f.linkCount > 0 ? (
            <Button component="a" href={crosswalkCsvUrl(orgId, frameworkId)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />} data-testid="crosswalk-download">
              {m.downloadCrosswalk}
            </Button>
          ) : null
        }
        description={
          <Group gap="xs" component="span">
            <OriginBadge framework={f} />
            <Text span size="sm" c="dimmed">
              {m.version} {f.version} · {m.requirements} {f.requirementCount.toLocaleString()} · {m.links} {f.linkCount.toLocaleString()}
            </Text>
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <TextInput
              label={m.search}
              placeholder={m.searchPlaceholder}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={text}
              onChange={(event) => {
                setText(event.currentTarget.value);
                setQuery(event.currentTarget.value);
              }}
              data-testid="requirement-search"
            />
            <Group gap="sm" align="flex-end" grow>
              <Select
                label={m.kind}
                placeholder={m.anyKind}
                clearable
                value={search.kind ?? null}
                onChange={(value) => update({ kind: (value as FrameworkBrowserSearch['kind']) ?? undefined })}
                data={REQUIREMENT_KINDS.map((kind) => ({ value: kind, label: REQUIREMENT_KIND_LABELS[kind] }))}
              />
              <Select label={m.theme} placeholder={m.anyTheme} clearable searchable value={search.theme ?? null} onChange={(value) => update({ theme: value ?? undefined })} data={themes.data ?? []} />
            </Group>
            {searching ? (
              <Group>
                <Button variant="subtle" size="xs" onClick={() => update({ q: undefined, kind: undefined, theme: undefined })}>
                  {m.clear}
                </Button>
              </Group>
            ) : null}
            {searching ? (
              <RequirementResults orgId={orgId} frameworkId={frameworkId} query={{ q: search.q, kind: search.kind, theme: search.theme }} selectedId={search.requirement} onSelect={select} />
            ) : (
              <RequirementTree
                label={m.treeLabel(f.shortName)}
                orgId={orgId}
                frameworkId={frameworkId}
                selectedId={search.requirement}
                expanded={expanded}
                onToggle={(id) =>
                  setExpanded((current) => {
                    const next = new Set(current);
                    if (next.has(id)) next.delete(id);
                    else next.add(id);
                    return next;
                  })
                }
                onSelect={select}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <div className={classes.panel}>
            {search.requirement ? (
              <RequirementDetailPanel orgId={orgId} requirementId={search.requirement} onSelect={select} />
            ) : (
              <Text c="dimmed" size="sm" data-testid="requirement-hint">
                {m.selectHint}
              </Text>
            )}
          </div>
        </Grid.Col>
      </Grid>
    </>
  );
}
