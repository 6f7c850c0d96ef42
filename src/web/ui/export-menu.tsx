/**
 * "Export" on a register page: a menu of download links, one per file format, with a hint on what the
 * file holds, and room for further sections (e.g. the risk treatment plan). Each link is a plain `<a
 * download>` to the API, so the browser streams the file with the session cookie.
 */
import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface ExportMenuProps {
  label: string;
  hint: string;
  /** `<testId>` on the button, `<testId>-<format>` on each link. */
  testId: string;
  links: readonly { format: string; href: string; label: string }[];
  width?: number;
  children?: ReactNode;
}

export function ExportMenu({ label, hint, testId, links, width = 300, children }: ExportMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />} data-testid={testId}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={width}>
        <Text size="xs" c="dimmed" px="sm" py={6}>
          {hint}
        </Text>
        {links.map((link) => (
          <Menu.Item key={link.format} component="a" href={link.href} download data-testid={`${testId}-${link.format}`}>
            {link.label}
          </Menu.Item>
        ))}
        {children}
      </Menu.Dropdown>
    </Menu>
  );
}
