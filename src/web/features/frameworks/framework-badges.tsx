/** Small labels of the catalogue: origin, HIPAA obligation, crosswalk provenance. Colour is never the only signal. */
import { Badge, Tooltip } from '@mantine/core';
import { LINK_SOURCE_PROVENANCE, type LinkProvenance, type LinkSource, type TFramework } from '../../../shared/contracts/frameworks.js';
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

const PROVENANCE_STYLE: Record<LinkProvenance, { variant: 'filled' | 'light' | 'outline'; color: string }> = {
  official: { variant: 'filled', color: 'teal.9' },
  derived: { variant: 'light', color: 'indigo.9' },
  editorial: { variant: 'outline', color: 'gray.8' },
};

/** What a crosswalk source is worth: an official NIST mapping, derived from NIST mappings, or Custos editorial. */
export function ProvenanceBadge({ source }: { source: LinkSource }) {
  const provenance = LINK_SOURCE_PROVENANCE[source];
  const { variant, color } = PROVENANCE_STYLE[provenance];
  return (
    <Badge variant={variant} color={color} style={NO_SHRINK} data-testid={`${provenance}-badge`}>
      {m.provenance[provenance]}
    </Badge>
  );
}
