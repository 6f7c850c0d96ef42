/**
 * Evidence of a control (7.5.3, A.5.28; 164.316(b)(1)): upload a file with progress (encrypted at rest,
 * SHA-256 checked before every download), add a https link, download, remove (asked first), and the
 * expiry of each item, flagged once passed.
 */
import { Anchor, Badge, Button, FileInput, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileCertificate, IconLink, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EVIDENCE_ACCEPT, type TControlDetail, type TEvidence } from '../../../shared/contracts/controls.js';
import { formatDate, formatDateTime } from '../../kernel/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { useSession } from '../auth/index.js';
import { ExpiredBadge } from './control-badges.js';
import { addEvidenceLink, evidenceDownloadUrl, invalidateControls, removeEvidence, uploadEvidence } from './controls-api.js';
import { controlMessages as m } from './messages.js';

function formatSize(bytes: number | null): string {
  if (bytes === null) return m.notSet;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function UploadForm({ orgId, control }: { orgId: string; control: TControlDetail }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: () => uploadEvidence({ orgId, controlId: control.id, file: file!, title, expiresOn, csrfToken: session.csrfToken, onProgress: setProgress }),
    onSuccess: async (evidence) => {
      notifications.show({ color: 'green', message: m.uploaded(evidence.fileName ?? evidence.title) });
      setFile(null);
      setTitle('');
      setExpiresOn('');
      await invalidateControls(queryClient, orgId);
    },
    onSettled: () => setProgress(null),
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="evidence-upload">
      <Title order={3} fz="md" mb="sm">
        {m.upload}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <FileInput label={m.chooseFile} description={m.chooseFileHint} accept={EVIDENCE_ACCEPT} value={file} onChange={setFile} clearable required data-testid="evidence-file" />
        <TextInput label={m.uploadTitle} value={title} onChange={(event) => setTitle(event.currentTarget.value)} maxLength={200} data-testid="evidence-title" />
        <TextInput type="date" label={m.expiresOn} description={m.expiresHint} value={expiresOn} onChange={(event) => setExpiresOn(event.currentTarget.value)} data-testid="evidence-expires" />
      </SimpleGrid>
      {progress !== null ? (
        <Stack gap={4} mt="sm">
          <Progress value={progress} aria-label={m.uploading(progress)} />
          <Text size="xs" c="dimmed" aria-live="polite">
            {m.uploading(progress)}
          </Text>
        </Stack>
      ) : null}
      {upload.error ? <ErrorState error={upload.error} /> : null}
      <Group mt="sm">
        <Button leftSection={<IconUpload size={16} aria-hidden />} disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="evidence-upload-submit">
          {m.upload}
        </Button>
      </Group>
    </Paper>
  );
}

function LinkForm({ orgId, control }: { orgId: string; control: TControlDetail }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const add = useMutation({
    mutationFn: () => addEvidenceLink(orgId, control.id, { title: title.trim(), url: url.trim(), expiresOn: expiresOn || null }),
    onSuccess: async () => {
      setTitle('');
      setUrl('');
      setExpiresOn('');
      await invalidateControls(queryClient, orgId);
    },
  });
  const issue = (field: string) => {
    const error = add.error as { issues?: { path: string; message: string }[] } | null;
    const found = error?.issues?.find((i) => i.path === `body.${field}`);
    const labels: Record<string, string> = { title: m.linkTitle, url: m.linkUrl, expiresOn: m.expiresOn };
    return found ? `${labels[field] ?? field}: ${found.message}` : undefined;
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="evidence-link-form">
      <Title order={3} fz="md" mb="sm">
        {m.addLink}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <TextInput label={m.linkTitle} value={title} onChange={(event) => setTitle(event.currentTarget.value)} required error={issue('title')} data-testid="evidence-link-title" />
        <TextInput label={m.linkUrl} value={url} onChange={(event) => setUrl(event.currentTarget.value)} required error={issue('url')} data-testid="evidence-link-url" />
        <TextInput type="date" label={m.expiresOn} value={expiresOn} onChange={(event) => setExpiresOn(event.currentTarget.value)} error={issue('expiresOn')} data-testid="evidence-link-expires" />
      </SimpleGrid>
      {add.error && !issue('url') && !issue('title') && !issue('expiresOn') ? <ErrorState error={add.error} /> : null}
      <Group mt="sm">
        <Button variant="default" leftSection={<IconLink size={16} aria-hidden />} disabled={!title.trim() || !url.trim()} loading={add.isPending} onClick={() => add.mutate()} data-testid="evidence-link-submit">
          {m.addLink}
        </Button>
      </Group>
    </Paper>
  );
}

export function ControlEvidenceTab({ orgId, control, timeZone }: { orgId: string; control: TControlDetail; timeZone: string }) {
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<TEvidence | null>(null);
  const remove = useMutation({
    mutationFn: (evidence: TEvidence) => removeEvidence(orgId, control.id, evidence.id),
    onSuccess: async () => {
      setRemoving(null);
      await invalidateControls(queryClient, orgId);
    },
  });
  const canEdit = control.abilities.addEvidence;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {m.evidenceIntro}
      </Text>
      {canEdit ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <UploadForm orgId={orgId} control={control} />
          <LinkForm orgId={orgId} control={control} />
        </SimpleGrid>
      ) : null}
      {control.evidence.length === 0 ? (
        <EmptyState icon={<IconFileCertificate size={28} aria-hidden />} title={m.noEvidenceTitle} description={m.noEvidenceBody} testId="evidence-empty" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} data-testid="evidence-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{m.evidenceColumns.title}</Table.Th>
                <Table.Th>{m.evidenceColumns.kind}</Table.Th>
                <Table.Th>{m.evidenceColumns.size}</Table.Th>
                <Table.Th>{m.evidenceColumns.added}</Table.Th>
                <Table.Th>{m.evidenceColumns.expiry}</Table.Th>
                <Table.Th>{m.evidenceColumns.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {control.evidence.map((evidence) => (
                <Table.Tr key={evidence.id} data-evidence-id={evidence.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {evidence.title}
                      </Text>
                      {evidence.kind === 'file' ? (
                        <Tooltip label={`${m.sha} ${evidence.sha256}`}>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {evidence.fileName} · {evidence.sha256?.slice(0, 12)}…
                          </Text>
                        </Tooltip>
                      ) : (
                        <Anchor href={evidence.url ?? undefined} target="_blank" rel="noopener noreferrer" size="xs">
                          {evidence.url}
                        </Anchor>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={evidence.kind === 'file' ? 'blue' : 'gray'} styles={{ label: { textTransform: 'none' } }}>
                      {evidence.kind === 'file' ? m.file : m.linkKind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatSize(evidence.sizeBytes)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(evidence.createdAt, timeZone)}</Text>
                    <Text size="xs" c="dimmed">
                      {evidence.createdBy}
                    </Text>
                  </Table.Td>
                  <Table.Td>{evidence.expired ? <ExpiredBadge /> : evidence.expiresOn ? <Text size="sm">{m.expires(formatDate(evidence.expiresOn, 'UTC'))}</Text> : <Text size="sm" c="dimmed">{m.notSet}</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {evidence.kind === 'file' ? (
                        <Button component="a" href={evidenceDownloadUrl(orgId, control.id, evidence.id)} download size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} data-testid="evidence-download">
                          {m.download}
                        </Button>
                      ) : null}
                      {canEdit ? (
                        <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => setRemoving(evidence)} data-testid="evidence-remove">
                          {m.remove}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={removing ? m.removeTitle(removing.title) : ''}
        recorded={m.removeRecorded}
        confirmLabel={m.remove}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate(removing)}
        testId="evidence-remove-dialog"
      >
        {m.removeBody}
      </ConfirmDialog>
    </Stack>
  );
}
