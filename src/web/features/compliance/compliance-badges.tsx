/** Status, basis and R/A markers: the text always says what the colour shows (colour is never the only signal). */
import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconFileCheck } from '@tabler/icons-react';
import type { ComplianceStatus } from '../../../shared/compliance.js';
import type { TStatusBasis } from '../../../shared/contracts/compliance.js';
import { complianceMessages as m } from './messages.js';

export const STATUS_COLOUR: Record<ComplianceStatus, string> = { compliant: 'green', partially_compliant: 'yellow', non_compliant: 'red', not_applicable: 'gray' };
/** Chart fills with enough contrast on white, and the same order everywhere. */
export const STATUS_FILL: Record<ComplianceStatus, string> = { compliant: '#2b8a3e', partially_compliant: '#e67700', non_compliant: '#c92a2a', not_applicable: '#868e96' };
const label = { textTransform: 'none' as const };

/** The status, with its basis where the basis changes its meaning (decision missing, documented, SoA). */
export function ComplianceBadge({ status, basis }: { status: ComplianceStatus; basis?: TStatusBasis }) {
  if (basis === 'decision_missing') {
    return (
      <Tooltip label={m.basis.decision_missing} multiline w={300}>
        <Badge variant="filled" color="red" styles={{ label }} leftSection={<IconAlertTriangle size={12} aria-hidden />} data-testid="compliance-status" data-status={status} data-basis={basis}>
          {m.decisionMissing}
        </Badge>
      </Tooltip>
    );
  }
  if (basis === 'documented_not_implemented') {
    return (
      <Tooltip label={m.basis.documented_not_implemented} multiline w={300}>
        <Badge variant="light" color="teal" styles={{ label }} leftSection={<IconFileCheck size={12} aria-hidden />} data-testid="compliance-status" data-status={status} data-basis={basis}>
          {m.documented}
        </Badge>
      </Tooltip>
    );
  }
  const badge = (
    <Badge variant="light" color={STATUS_COLOUR[status]} styles={{ label }} data-testid="compliance-status" data-status={status} data-basis={basis}>
      {m.statuses[status]}
    </Badge>
  );
  return basis && basis !== 'controls' ? (
    <Tooltip label={m.basis[basis]} multiline w={300}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

export function ObligationBadge({ obligation }: { obligation: 'required' | 'addressable' }) {
  const isRequired = obligation === 'required';
  return (
    <Tooltip label={isRequired ? m.requiredHint : m.addressableHint} multiline w={260}>
      <Badge variant="outline" color={isRequired ? 'dark' : 'blue'} styles={{ label }} data-testid="obligation" data-obligation={obligation} aria-label={isRequired ? m.required : m.addressable}>
        {isRequired ? `${m.requiredShort} · ${m.required}` : `${m.addressableShort} · ${m.addressable}`}
      </Badge>
    </Tooltip>
  );
}
