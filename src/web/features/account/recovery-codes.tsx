/** One-time recovery codes, shown once after enrolment or regeneration. */
import { Alert, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconKey } from '@tabler/icons-react';
import { saveFile } from '../../kernel/download.js';
import { CopyIconButton } from '../../ui/secret-reveal.js';
import { accountMessages as m } from './messages.js';

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join('\n');
  return (
    <Alert color="yellow" variant="light" icon={<IconKey aria-hidden />} title={m.recoveryTitle} data-testid="recovery-codes">
      <Stack gap="md">
        <Text size="sm">{m.recoveryIntro}</Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" maw={420} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {codes.map((code) => (
            <li key={code}>
              <Code fz="sm" data-testid="recovery-code">
                {code}
              </Code>
            </li>
          ))}
        </SimpleGrid>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => saveFile({ fileName: 'custos-recovery-codes.txt', content: `Custos recovery codes\n\n${text}\n`, type: 'text/plain' })}
          >
            {m.recoveryDownload}
          </Button>
          <CopyIconButton value={text} label={m.recoveryCopy} />
          <Button onClick={onDone} data-testid="recovery-codes-done">
            {m.recoveryDone}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
