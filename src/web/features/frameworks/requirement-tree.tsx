/**
 * The framework as a collapsible tree, loaded one level at a time (800-53 has ~1,200 rows: a level is at
 * most a few dozen), and the flat list of search results. Keyboard: every row is a button; the chevron
 * expands or collapses.
 */
import { ActionIcon, Badge, Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TRequirementListQuery, TRequirementSummary } from '../../../shared/contracts/frameworks.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { ObligationBadge } from './framework-badges.js';
import { requirementsQuery } from './frameworks-api.js';
import { frameworkMessages as m } from './messages.js';
import classes from './frameworks.module.css';

interface TreeProps {
  orgId: string;
  frameworkId: string;
  selectedId: string | undefined;
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onSelect: (id: string) => void;
}

function RequirementRow({ item, selected, onSelect, indent = 0 }: { item: TRequirementSummary; selected: boolean; onSelect: (id: string) => void; indent?: number }) {
  return (
    <UnstyledButton className={classes.row} data-selected={selected || undefined} onClick={() => onSelect(item.id)} aria-current={selected ? 'true' : undefined} style={{ paddingLeft: indent }} data-testid={`requirement-row-${item.ref}`}>
      <Group gap={8} wrap="nowrap" align="baseline">
        <Text span ff="monospace" size="sm" fw={600} className={classes.ref}>
          {item.ref}
        </Text>
        <Text span size="sm" lineClamp={2}>
          {item.title}
        </Text>
        <ObligationBadge obligation={item.obligation} />
      </Group>
    </UnstyledButton>
  );
}

function TreeLevel({ parentId, depth, ...props }: TreeProps & { parentId: string; depth: number }) {
  const query = useQuery(requirementsQuery(props.orgId, props.frameworkId, { parentId, pageSize: 2000 }));
  if (query.isPending) return <LoadingState rows={depth === 0 ? 6 : 2} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap={0} role={depth === 0 ? 'tree' : 'group'}>
      {query.data.items.map((item) => {
        const isOpen = props.expanded.has(item.id);
        return (
          <Box key={item.id} role="treeitem" aria-expanded={item.childCount > 0 ? isOpen : undefined} aria-level={depth + 1}>
            <Group gap={2} wrap="nowrap" align="flex-start" style={{ paddingLeft: depth * 18 }}>
              {item.childCount > 0 ? (
                <ActionIcon variant="subtle" color="gray" size="sm" mt={6} onClick={() => props.onToggle(item.id)} aria-label={isOpen ? m.collapse(item.ref) : m.expand(item.ref)}>
                  {isOpen ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
                </ActionIcon>
              ) : (
                <Box w={22} />
              )}
              <Box style={{ flex: 1, minWidth: 0 }}>
                <RequirementRow item={item} selected={item.id === props.selectedId} onSelect={props.onSelect} />
              </Box>
              {item.childCount > 0 ? (
                <Badge variant="default" size="sm" mt={6}>
                  {item.childCount}
                </Badge>
              ) : null}
            </Group>
            {isOpen ? <TreeLevel {...props} parentId={item.id} depth={depth + 1} /> : null}
          </Box>
        );
      })}
    </Stack>
  );
}

export function RequirementTree(props: TreeProps & { label: string }) {
  const { label, ...rest } = props;
  return (
    <nav aria-label={label}>
      <TreeLevel {...rest} parentId="root" depth={0} />
    </nav>
  );
}

const RESULT_LIMIT = 200;

export function RequirementResults({ orgId, frameworkId, query, selectedId, onSelect }: { orgId: string; frameworkId: string; query: Partial<TRequirementListQuery>; selectedId: string | undefined; onSelect: (id: string) => void }) {
  const result = useQuery(requirementsQuery(orgId, frameworkId, { ...query, pageSize: RESULT_LIMIT }));
  if (result.isPending) return <LoadingState />;
  if (result.error) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  const { items, total } = result.data;
  return (
    <Stack gap={4} data-testid="requirement-results">
      <Text size="sm" c="dimmed" aria-live="polite">
        {m.results(total)}
      </Text>
      {items.length === 0 ? <Text size="sm">{m.noResults}</Text> : null}
      {items.map((item) => (
        <RequirementRow key={item.id} item={item} selected={item.id === selectedId} onSelect={onSelect} />
      ))}
      {total > items.length ? (
        <Text size="xs" c="dimmed">
          {m.moreResults(items.length, total)}
        </Text>
      ) : null}
    </Stack>
  );
}
