/**
 * Plan → Assets → Import: choose a file, check it (a dry run writes nothing), read the counts and every
 * problem by row and column, then import all rows (only when all are valid) or only the valid ones.
 */
import { Alert, Anchor, Button, FileInput, Group, NativeSelect, Paper, Progress, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ASSET_FILE_FORMATS, type AssetFileFormat, type TAssetImportReport } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { sessionQueryOptions } from '../auth/index.js';
import { formatOfFile, uploadImport } from './asset-import-api.js';
import { assetExportUrl, invalidateAssets } from './assets-api.js';
import { assetMessages as m } from './messages.js';

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fz={24} fw={700} data-testid={testId}>
        {value.toLocaleString('en-GB')}
      </Text>
    </Paper>
  );
}

function Report({ report }: { report: TAssetImportReport }) {
  const dry = report.dryRun;
  return (
    <Stack gap="md" data-testid={dry ? 'import-report' : 'import-result'}>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Count label={m.importCounts.rows} value={report.rows} testId="import-rows" />
        <Count label={dry ? m.importCountsDry.created : m.importCounts.created} value={report.created} testId="import-created" />
        <Count label={dry ? m.importCountsDry.updated : m.importCounts.updated} value={report.updated} testId="import-updated" />
        <Count label={m.importCounts.unchanged} value={report.unchanged} testId="import-unchanged" />
        <Count label={m.importCounts.rejected} value={report.rejected} testId="import-rejected" />
      </SimpleGrid>
      {report.problemCount === 0 ? (
        <Text size="sm">{m.importNoProblems}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Title order={3} fz="sm" p="sm">
            {m.importProblems(report.problems.length, report.problemCount)}
          </Title>
          <ScrollArea.Autosize mah={420} type="auto">
            <Table verticalSpacing="xs" horizontalSpacing="md" stickyHeader data-testid="import-problems">
              <TableCaption>{m.importProblems(report.problems.length, report.problemCount)}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={80}>
                    {m.problemRow}
                  </Table.Th>
                  <Table.Th scope="col" w={200}>
                    {m.problemColumn}
                  </Table.Th>
                  <Table.Th scope="col">{m.problemMessage}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.problems.map((problem, index) => (
                  <Table.Tr key={`${problem.row}-${problem.column ?? ''}-${index}`} data-testid="import-problem">
                    <Table.Td>{problem.row}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff={problem.column ? 'monospace' : undefined} c={problem.column ? undefined : 'dimmed'}>
                        {problem.column ?? m.problemWholeRow}
                      </Text>
                    </Table.Td>
                    <Table.Td>{problem.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}

export function ImportPage() {
  const { orgId } = useCurrentOrg();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<AssetFileFormat | ''>('');
  const [progress, setProgress] = useState<number | null>(null);
  const [check, setCheck] = useState<TAssetImportReport | null>(null);
  const [result, setResult] = useState<TAssetImportReport | null>(null);
  const csrfToken = queryClient.getQueryData(sessionQueryOptions.queryKey)?.csrfToken ?? null;
  const chosenFormat = format || (file ? formatOfFile(file.name) : null) || 'csv';

  const send = useMutation({
    mutationFn: (options: { dryRun: boolean; mode: 'all' | 'valid_only' }) => {
      if (!file) throw new Error(m.importFileRequired);
      setProgress(0);
      return uploadImport({ orgId, file, format: chosenFormat, csrfToken, onProgress: setProgress, ...options });
    },
    onSettled: () => setProgress(null),
    onSuccess: async (report) => {
      if (report.dryRun) {
        setCheck(report);
        return;
      }
      setResult(report);
      if (report.written) await invalidateAssets(queryClient, orgId);
    },
  });

  const restart = () => {
    setFile(null);
    setCheck(null);
    setResult(null);
    send.reset();
  };
  const validRows = check ? check.rows - check.rejected : 0;

  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} size="xs" fw={700}>
            {m.registerTitle}
          </RouterAnchor>
        }
        title={m.importTitle}
        description={m.importDescription}
      />
      <Stack gap="lg" maw={1000}>
        {result ? (
          <Paper withBorder radius="md" p="lg">
            <Alert color={result.written ? 'green' : 'yellow'} variant="light" icon={<IconCircleCheck aria-hidden />} title={m.importResultTitle} mb="md">
              {result.written ? m.importDone(result.created, result.updated) : m.importNothing}
            </Alert>
            <Report report={result} />
            <Group gap="sm" mt="md">
              <LinkButton to="/o/$orgId/assets" params={{ orgId }} data-testid="import-to-register">
                {m.toRegister}
              </LinkButton>
              <Button variant="default" onClick={restart}>
                {m.importAnother}
              </Button>
            </Group>
          </Paper>
        ) : (
          <Paper withBorder radius="md" p="lg">
            <Stack gap="md">
              <Title order={2} fz="lg">
                {m.importSteps.choose}
              </Title>
              <Text size="sm" c="dimmed" maw={760}>
                {m.importFileHint}
              </Text>
              <Group align="flex-end" gap="sm" wrap="wrap">
                <FileInput
                  label={m.importFile}
                  placeholder={m.importChoose}
                  accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  value={file}
                  onChange={(next) => {
                    setFile(next);
                    setCheck(null);
                    send.reset();
                  }}
                  leftSection={<IconFileUpload size={16} aria-hidden />}
                  clearable
                  clearButtonProps={{ 'aria-label': m.importClear }}
                  styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
                  w={{ base: '100%', sm: 460 }}
                  data-testid="import-file"
                />
                <NativeSelect
                  label={m.importFormat}
                  value={chosenFormat}
                  data={ASSET_FILE_FORMATS.map((value) => ({ value, label: value.toUpperCase() }))}
                  onChange={(event) => setFormat(event.currentTarget.value as AssetFileFormat)}
                  w={110}
                  data-testid="import-format"
                />
                <Button onClick={() => send.mutate({ dryRun: true, mode: 'all' })} disabled={!file} loading={send.isPending && !check} data-testid="import-check">
                  {m.importCheck}
                </Button>
              </Group>
              <Anchor href={assetExportUrl(orgId, { format: 'csv' })} download size="sm">
                {m.importTemplate}
              </Anchor>
              {progress !== null ? (
                <Stack gap={4}>
                  <Text size="sm" role="status">
                    {progress < 100 ? m.importUploading(progress) : m.importChecking}
                  </Text>
                  <Progress value={progress} aria-label={m.importUploading(progress)} animated={progress >= 100} />
                </Stack>
              ) : null}
              {send.error ? <ErrorState error={send.error} /> : null}
            </Stack>
          </Paper>
        )}
        {check && !result ? (
          <Paper withBorder radius="md" p="lg">
            <Title order={2} fz="lg" mb="md">
              {m.importReportTitle}
            </Title>
            <Report report={check} />
            <Stack gap="sm" mt="lg">
              {check.rejected > 0 ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {m.importAllBlocked}
                </Alert>
              ) : null}
              <Text size="xs" c="dimmed">
                {m.importRecorded}
              </Text>
              <Group gap="sm">
                <Button onClick={() => send.mutate({ dryRun: false, mode: 'all' })} disabled={check.rejected > 0 || check.rows === 0} loading={send.isPending} data-testid="import-all">
                  {m.importAll}
                </Button>
                {check.rejected > 0 && validRows > 0 ? (
                  <Button variant="default" onClick={() => send.mutate({ dryRun: false, mode: 'valid_only' })} loading={send.isPending} data-testid="import-valid-only">
                    {m.importValidOnly}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
