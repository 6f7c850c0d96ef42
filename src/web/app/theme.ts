/**
 * The Custos look: Mantine defaults with a calm clinical blue, and colours adjusted so every text
 * passes WCAG 2.1 AA contrast (Mantine's default "dimmed" and error reds are too light on white).
 */
import { createTheme, Drawer, Modal, Notification, type CSSVariablesResolver } from '@mantine/core';
import { uiMessages } from '../ui/messages.js';

// Mantine's close buttons are icons only: give every one a name for screen readers.
const closeButtonProps = { 'aria-label': uiMessages.close };

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "Cascadia Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { fw: 600 } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    // Text on the tinted "light" variants (alerts, badges): Mantine's shade 9 is too light for AA on
    // yellow, orange, green and red tints, so these read darker (≥ 4.5:1 on their tint).
    '--mantine-color-yellow-light-color': '#6b4100',
    '--mantine-color-orange-light-color': '#8a3700',
    '--mantine-color-green-light-color': '#1f6130',
    '--mantine-color-teal-light-color': '#0b5c46',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
  },
  dark: {},
});
