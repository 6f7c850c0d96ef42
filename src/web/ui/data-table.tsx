/**
 * A table over a server-paged list: the server sorts and pages (never the browser), the page keeps the
 * state in its URL, and this component shows the count of results, sortable headers (with aria-sort)
 * and paging. Loading shows skeleton rows; refetching keeps the rows already on screen.
 */
import { Box, Button, Group, NativeSelect, Pagination, Paper, Skeleton, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PAGE_SIZES, pageCount, pageRange, type SortState } from '../kernel/table.js';
import { EmptyState } from './empty-state.js';
import { ErrorState } from './error-state.js';
import { uiMessages } from './messages.js';
import classes from './data-table.module.css';

export interface Column<T, F extends string = string> {
  key: string;
  header: string;
  /** Set when the server can sort by this column. */
  sortField?: F;
  render: (row: T) => ReactNode;
  width?: number | string;
  /** Hide the header text visually (e.g. an actions column) but keep it for screen readers. */
  isHeaderHidden?: boolean;
}

export interface DataTableProps<T, F extends string = string> {
  /** Read by screen readers as the table's name. */
  caption: string;
  columns: Column<T, F>[];
  rows: T[] | undefined;
  total: number;
  page: number;
  pageSize: number;
  rowKey: (row: T) => string;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  sort?: SortState<F>;
  onSortChange?: (sort: SortState<F>) => void;
  isLoading?: boolean;
  isFetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  testId?: string;
  /** Extra content on the right of the result count (e.g. an export link). */
  toolbar?: ReactNode;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  /** Extra data-* attributes per row (stable hooks for tests and styling). */
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
}

/** A table's name for screen readers, not shown on screen. */
export function TableCaption({ children }: { children: ReactNode }) {
  return <caption className={classes.caption}>{children}</caption>;
}

function SortHeader<F extends string>({ column, sort, onSortChange }: { column: Column<unknown, F>; sort?: SortState<F>; onSortChange?: (sort: SortState<F>) => void }) {
  const field = column.sortField;
  if (!field || !onSortChange) return <>{column.header}</>;
  const isActive = sort?.field === field;
  const nextDirection = isActive && sort?.direction === 'asc' ? 'desc' : 'asc';
  const Icon = !isActive ? IconArrowsSort : sort?.direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton className={classes.sortButton} onClick={() => onSortChange({ field, direction: nextDirection })} data-testid={`sort-${field}`}>
      <Group gap={4} wrap="nowrap">
        <span>{column.header}</span>
        <Icon size={14} aria-hidden stroke={isActive ? 2.4 : 1.5} />
        <VisuallyHidden>{isActive ? (sort?.direction === 'asc' ? uiMessages.sortedAscending : uiMessages.sortedDescending) : uiMessages.sortBy(column.header)}</VisuallyHidden>
      </Group>
    </UnstyledButton>
  );
}

export function DataTable<T, F extends string = string>(props: DataTableProps<T, F>) {
  const {
    caption,
    columns,
    rows,
    total,
    page,
    pageSize,
    rowKey,
    onPageChange,
    onPageSizeChange,
    sort,
    onSortChange,
    isLoading,
    isFetching,
    error,
    onRetry,
    empty,
    testId,
    toolbar,
    rowAttributes,
    minWidth = 720,
  } = props;
  const range = pageRange(page, pageSize, total);
  const pages = pageCount(total, pageSize);
  // A page past the end (an old link, or rows removed meanwhile): offer the last page that exists.
  const isPastEnd = rows !== undefined && rows.length === 0 && total > 0 && page > pages;
  if (error && !rows) return <ErrorState error={error} onRetry={onRetry} />;
  const showEmpty = !isLoading && rows !== undefined && rows.length === 0;

  return (
    <Box data-testid={testId}>
      <Group justify="space-between" mb="xs" gap="sm" wrap="wrap">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="result-count">
          {isLoading ? uiMessages.loading : uiMessages.resultCount(range.from, range.to, total)}
        </Text>
        {toolbar ? <Group gap="xs">{toolbar}</Group> : null}
      </Group>
      {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
      {showEmpty ? (
        <Paper withBorder radius="md">
          {isPastEnd ? (
            <EmptyState
              title={uiMessages.pastEndTitle}
              description={uiMessages.pastEndBody(pages)}
              action={
                <Button variant="default" onClick={() => onPageChange(pages)}>
                  {uiMessages.goToPage(pages)}
                </Button>
              }
            />
          ) : (
            empty
          )}
        </Paper>
      ) : (
        <Paper withBorder radius="md" className={classes.wrapper}>
          <Table.ScrollContainer minWidth={minWidth} type="native">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-busy={isFetching ? 'true' : 'false'} className={isFetching && !isLoading ? classes.refetching : undefined}>
              <TableCaption>{caption}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => {
                    const isSorted = column.sortField !== undefined && sort?.field === column.sortField;
                    return (
                      <Table.Th key={column.key} w={column.width} scope="col" aria-sort={isSorted ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                        {column.isHeaderHidden ? <VisuallyHidden>{column.header}</VisuallyHidden> : <SortHeader column={column as Column<unknown, F>} sort={sort} onSortChange={onSortChange} />}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {isLoading || !rows
                  ? Array.from({ length: 5 }, (_, index) => (
                      <Table.Tr key={`skeleton-${index}`}>
                        {columns.map((column) => (
                          <Table.Td key={column.key}>
                            <Skeleton height={14} radius="sm" />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))
                  : rows.map((row) => (
                      <Table.Tr key={rowKey(row)} data-testid="table-row" {...rowAttributes?.(row)}>
                        {columns.map((column) => (
                          <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {total > 0 ? (
        <Group justify="space-between" mt="md" gap="sm" wrap="wrap">
          {onPageSizeChange ? (
            <NativeSelect
              label={uiMessages.rowsPerPage}
              size="xs"
              w={130}
              value={String(pageSize)}
              data={PAGE_SIZES.map((size) => String(size))}
              onChange={(event) => onPageSizeChange(Number(event.currentTarget.value))}
            />
          ) : (
            <span />
          )}
          {pages > 1 ? (
            <nav aria-label={uiMessages.pagination}>
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={onPageChange}
                withEdges
                size="sm"
                getControlProps={(control) => ({
                  'aria-label': { first: uiMessages.firstPage, previous: uiMessages.previousPage, next: uiMessages.nextPage, last: uiMessages.lastPage }[control],
                })}
              />
            </nav>
          ) : null}
        </Group>
      ) : null}
    </Box>
  );
}
