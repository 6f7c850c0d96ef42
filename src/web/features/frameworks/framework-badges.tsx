/** Small labels of the catalogue: origin, HIPAA obligation, crosswalk provenance. Colour is never the only signal. */
import { Badge, Tooltip } from '@mantine/core';
import type { TFramework } from '../../../shared/contracts/frameworks.js';
import { frameworkMessages as m } from './messages.js';

// Badges keep their full label in narrow rows (they sit beside titles that may wrap instead).
const NO_SHRINK = { flexShrink: 0 } as const;
// A dark orange: Mantine's orange shades stay under 4.5:1 on white and on the selected-row blue (WCAG AA).
const ADDRESSABLE_COLOUR = '#8f3a00';

export function OriginBadge({ framework }: { framework: Pick<TFramework, 'origin' | 'organizationId'> }) {
  if (framework.origin === 'builtin') {
    return (
      <Badge variant="light" color="blue" style={NO_SHRINK}>
        {m.builtin}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color="grape" style={NO_SHRINK}>
      {framework.organizationId ? m.imported : m.sharedImport}
    </Badge>
  );
}

export function ObligationBadge({ obligation }: { obligation: 'required' | 'addressable' | null }) {
  if (!obligation) return null;
  return (
    <Tooltip label={m.obligationHint[obligation]} multiline w={320} withArrow>
      <Badge variant={obligation === 'required' ? 'filled' : 'outline'} color={obligation === 'required' ? 'red.9' : ADDRESSABLE_COLOUR} style={NO_SHRINK} data-testid="obligation-badge" tabIndex={0}>
        {m.obligation[obligation]}
      </Badge>
    </Tooltip>
  );
}

export function ProvenanceBadge({ official }: { official: boolean }) {
  return (
    <Badge variant={official ? 'filled' : 'outline'} color={official ? 'teal.9' : 'gray.8'} style={NO_SHRINK} data-testid={official ? 'official-badge' : 'editorial-badge'}>
      {official ? m.official : m.editorial}
    </Badge>
  );
}
