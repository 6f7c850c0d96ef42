/**
 * The frame of an incident's logs (timeline, communications, follow-up actions; ISO/IEC 27001:2022
 * A.5.26–A.5.28): what the log is for, the form to add to it (when the person may), loading and error
 * states, an empty state, and the table with its caption and column headers; each tab renders its rows.
 */
import { Paper, Stack, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';

export interface IncidentLogSectionProps<T> {
  testId: string;
  description: string;
  /** The form that adds to the log, or null when the person may not. */
  form: ReactNode;
  query: UseQueryResult<T[]>;
  loadingRows: number;
  empty: string;
  caption: string;
  columns: readonly string[];
  minWidth: number;
  renderRow: (item: T) => ReactNode;
  /** A line under the table (e.g. the time zone the dates are shown in). */
  footer?: ReactNode;
}

export function IncidentLogSection<T>({ testId, description, form, query, loadingRows, empty, caption, columns, minWidth, renderRow, footer }: IncidentLogSectionProps<T>) {
  return (
    <Stack gap="md" maw={1100} data-testid={testId}>
      <Text size="sm" c="dimmed">
        {description}
      </Text>
      {form}
      {query.isPending ? <LoadingState rows={loadingRows} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : null}
      {query.data && query.data.length > 0 ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={minWidth} type="native">
            <Table verticalSpacing="sm">
              <TableCaption>{caption}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column} scope="col">
                      {column}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{query.data.map(renderRow)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {footer ? (
        <Text size="xs" c="dimmed">
          {footer}
        </Text>
      ) : null}
    </Stack>
  );
}
