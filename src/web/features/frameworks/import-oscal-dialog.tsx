/**
 * Import an OSCAL catalog (issue 4 item 2): the file goes to the server as-is; a refused file shows the
 * schema problems the server found (where in the file, and which rule of the OSCAL catalog schema).
 */
import { Alert, Button, Code, FileInput, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZOscalImportResult } from '../../../shared/contracts/frameworks.js';
import { isApiError } from '../../kernel/api-client.js';
import { ErrorState } from '../../ui/error-state.js';
import { sessionQueryOptions } from '../auth/index.js';
import { invalidateFrameworks, uploadOscalCatalog } from './frameworks-api.js';
import { frameworkMessages as m } from './messages.js';

const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface ImportOscalDialogProps {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  onImported: (result: z.infer<typeof ZOscalImportResult>) => void;
}

export function ImportOscalDialog({ orgId, opened, onClose, onImported }: ImportOscalDialogProps) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const trimmedKey = key.trim();
  const keyError = trimmedKey && (trimmedKey.length < 2 || trimmedKey.length > 64 || !KEY_PATTERN.test(trimmedKey)) ? m.keyHint : null;
  const upload = useMutation({
    mutationFn: () => {
      const csrfToken = queryClient.getQueryData(sessionQueryOptions.queryKey)?.csrfToken ?? null;
      return uploadOscalCatalog({ orgId, file: file!, key: trimmedKey || undefined, csrfToken });
    },
    onSuccess: async (result) => {
      await invalidateFrameworks(queryClient, orgId);
      notifications.show({ color: 'green', message: m.importDone(result.framework.name, result.requirements) });
      setFile(null);
      setKey('');
      onImported(result);
    },
  });
  const close = () => {
    if (upload.isPending) return;
    upload.reset();
    onClose();
  };
  const issues = isApiError(upload.error) ? upload.error.issues : [];

  return (
    <Modal opened={opened} onClose={close} title={m.importTitle} size="lg" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file && !keyError) upload.mutate();
        }}
      >
        <Stack gap="md" data-testid="oscal-import-dialog">
          <Text size="sm">{m.importDescription}</Text>
          <FileInput
            label={m.file}
            placeholder={m.filePlaceholder}
            accept="application/json,.json"
            value={file}
            onChange={(value) => {
              upload.reset();
              setFile(value);
            }}
            leftSection={<IconFileImport size={16} aria-hidden />}
            required
            clearable
            data-testid="oscal-file"
          />
          <TextInput label={m.key} description={m.keyHint} value={key} onChange={(event) => setKey(event.currentTarget.value)} error={keyError} maxLength={64} data-testid="oscal-key" />
          {upload.error ? (
            <Stack gap="xs">
              <ErrorState error={upload.error} title={m.refused} testId="oscal-import-error" />
              {issues.length > 1 || (issues.length === 1 && issues[0]!.path !== 'file') ? (
                <Alert variant="outline" color="red" title={m.schemaErrors}>
                  <List size="sm" spacing={4} data-testid="oscal-schema-errors">
                    {issues.map((issue, index) => (
                      <List.Item key={`${issue.path}-${index}`}>
                        <Code>{issue.path.replace(/^file/, '') || '/'}</Code> {issue.message}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
            </Stack>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={upload.isPending}>
              {m.cancel}
            </Button>
            <Button type="submit" loading={upload.isPending} disabled={!file || Boolean(keyError)} data-testid="oscal-import-submit">
              {upload.isPending ? m.importing : m.importButton}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
