/**
 * Plan → Risks → Import (ISO/IEC 27001:2022 6.1.2 e, 8.2): choose a file, check it (a dry run writes
 * nothing), read the counts and every problem by row and column, then import — only when no row has a
 * problem, because the server writes a file all or nothing. Mirrors the asset register's import page.
 */
import { Alert, Anchor, Button, FileInput, Group, NativeSelect, Paper, Progress, ScrollArea, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { RISK_EXPORT_FORMATS, type TRiskImportReport } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { sessionQueryOptions } from '../auth/index.js';
import { riskImportMessages as m } from './import-messages.js';
import { riskFormatOfFile, uploadRiskImport, type RiskFileFormat } from './risk-import-api.js';
import { invalidateRisks, riskExportUrl } from './risks-api.js';

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

function Report({ report }: { report: TRiskImportReport }) {
  const dry = report.dryRun;
  return (
    <Stack gap="md" data-testid={dry ? 'risk-import-report' : 'risk-import-result'}>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Count label={m.importCounts.rows} value={report.rows} testId="risk-import-rows" />
        <Count label={dry ? m.importCountsDry.created : m.importCounts.created} value={report.created} testId="risk-import-created" />
        <Count label={dry ? m.importCountsDry.updated : m.importCounts.updated} value={report.updated} testId="risk-import-updated" />
        <Count label={m.importCounts.unchanged} value={report.unchanged} testId="risk-import-unchanged" />
        <Count label={m.importCounts.errors} value={report.errorCount} testId="risk-import-errors" />
      </SimpleGrid>
      {report.errorCount === 0 ? (
        <Text size="sm">{report.rows === 0 ? m.importEmpty : m.importNoProblems}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Title order={3} fz="sm" p="sm">
            {m.importProblems(report.errors.length, report.errorCount)}
          </Title>
          <ScrollArea.Autosize mah={420} type="auto">
            <Table verticalSpacing="xs" horizontalSpacing="md" stickyHeader data-testid="risk-import-problems">
              <TableCaption>{m.importProblems(report.errors.length, report.errorCount)}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={80}>
                    {m.problemRow}
                  </Table.Th>
                  <Table.Th scope="col" w={220}>
                    {m.problemColumn}
                  </Table.Th>
                  <Table.Th scope="col">{m.problemMessage}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((error, index) => (
                  <Table.Tr key={`${error.row ?? ''}-${error.field ?? ''}-${index}`} data-testid="risk-import-problem">
                    <Table.Td>{error.row ?? <Text size="sm" c="dimmed" span>{m.problemWholeFile}</Text>}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff={error.field ? 'monospace' : undefined} c={error.field ? undefined : 'dimmed'}>
                        {error.field ?? m.problemWholeRow}
                      </Text>
                    </Table.Td>
                    <Table.Td>{error.message}</Table.Td>
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

function announcementOf(check: TRiskImportReport | null, result: TRiskImportReport | null): string {
  if (result) return result.written ? m.announceImported(result.created, result.updated) : m.announceNotImported(result.errorCount);
  if (check) return m.announceChecked(check.rows, check.errorCount);
  return '';
}

export function RiskImportPage() {
  const { orgId } = useCurrentOrg();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<RiskFileFormat | ''>('');
  const [progress, setProgress] = useState<number | null>(null);
  const [check, setCheck] = useState<TRiskImportReport | null>(null);
  const [result, setResult] = useState<TRiskImportReport | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const csrfToken = queryClient.getQueryData(sessionQueryOptions.queryKey)?.csrfToken ?? null;
  const chosenFormat = format || (file ? riskFormatOfFile(file.name) : null) || 'csv';

  const send = useMutation({
    mutationFn: (options: { dryRun: boolean }) => {
      if (!file) throw new Error(m.importFileRequired);
      setProgress(0);
      return uploadRiskImport({ orgId, file, format: chosenFormat, csrfToken, onProgress: setProgress, ...options });
    },
    onSettled: () => setProgress(null),
    onSuccess: async (report) => {
      if (report.dryRun) {
        setCheck(report);
        return;
      }
      setResult(report);
      if (report.written) await invalidateRisks(queryClient, orgId);
    },
  });

  // Keyboard and screen-reader users land on what the check or the import found.
  useEffect(() => {
    if (result) resultHeading.current?.focus();
    else if (check) reportHeading.current?.focus();
  }, [check, result]);

  const forget = () => {
    setCheck(null);
    send.reset();
  };
  const restart = () => {
    setFile(null);
    setFormat('');
    setResult(null);
    forget();
  };
  const canImport = check !== null && check.errorCount === 0 && check.rows > 0;

  return (
    <>
      <PageHeader
        eyebrow={
          <RouterAnchor to="/o/$orgId/risks" params={{ orgId }} size="xs" fw={700}>
            {m.registerTitle}
          </RouterAnchor>
        }
        title={m.importTitle}
        description={m.importDescription}
      />
      <VisuallyHidden role="status" aria-live="polite" data-testid="risk-import-announcement">
        {announcementOf(check, result)}
      </VisuallyHidden>
      <Stack gap="lg" maw={1000}>
        {result ? (
          <Paper withBorder radius="md" p="lg">
            <Title order={2} fz="lg" mb="md" ref={resultHeading} tabIndex={-1}>
              {m.importResultTitle}
            </Title>
            <Alert color={result.written ? 'green' : 'yellow'} variant="light" icon={<IconCircleCheck aria-hidden />} mb="md" data-testid="risk-import-outcome">
              {result.written ? m.importDone(result.created, result.updated, result.unchanged) : m.importNothing}
            </Alert>
            <Report report={result} />
            <Group gap="sm" mt="md">
              <LinkButton to="/o/$orgId/risks" params={{ orgId }} data-testid="risk-import-to-register">
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
                {m.importStepChoose}
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
                    forget();
                  }}
                  leftSection={<IconFileUpload size={16} aria-hidden />}
                  clearable
                  clearButtonProps={{ 'aria-label': m.importClear }}
                  styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
                  w={{ base: '100%', sm: 460 }}
                  data-testid="risk-import-file"
                />
                <NativeSelect
                  label={m.importFormat}
                  value={chosenFormat}
                  data={RISK_EXPORT_FORMATS.map((value) => ({ value, label: value.toUpperCase() }))}
                  onChange={(event) => {
                    setFormat(event.currentTarget.value as RiskFileFormat);
                    forget();
                  }}
                  w={110}
                  data-testid="risk-import-format"
                />
                <Button onClick={() => send.mutate({ dryRun: true })} disabled={!file} loading={send.isPending && !check} data-testid="risk-import-check">
                  {m.importCheck}
                </Button>
              </Group>
              <Anchor href={riskExportUrl(orgId, 'csv')} download size="sm">
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
              {send.error ? <ErrorState error={send.error} testId="risk-import-error" /> : null}
            </Stack>
          </Paper>
        )}
        {check && !result ? (
          <Paper withBorder radius="md" p="lg">
            <Title order={2} fz="lg" mb="md" ref={reportHeading} tabIndex={-1}>
              {m.importReportTitle}
            </Title>
            <Report report={check} />
            <Stack gap="sm" mt="lg">
              {check.errorCount > 0 ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {m.importBlocked}
                </Alert>
              ) : null}
              <Text size="xs" c="dimmed">
                {m.importRecorded}
              </Text>
              <Group gap="sm">
                <Button onClick={() => send.mutate({ dryRun: false })} disabled={!canImport} loading={send.isPending} data-testid="risk-import-run">
                  {m.importRun}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
