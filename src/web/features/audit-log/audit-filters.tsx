/** Audit log filters: actor, event type, subject and period (days in the organization's zone). */
import { Button, Group, NativeSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { AUDIT_EVENT_TYPE_LIST, AUDIT_EVENT_TYPES, type AuditEventType } from '../../../shared/audit-events.js';
import { hasAuditFilters, type AuditSearch } from './audit-search.js';
import { auditMessages as m, EVENT_TYPE_GROUPS, SUBJECT_TYPE_LABELS } from './messages.js';


function typeOptions() {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const type of AUDIT_EVENT_TYPE_LIST) {
    const group = EVENT_TYPE_GROUPS[type.split('.')[0] ?? ''] ?? m.otherEvents;
    groups.set(group, [...(groups.get(group) ?? []), { value: type, label: AUDIT_EVENT_TYPES[type] }]);
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

const TYPE_OPTIONS = typeOptions();

export function AuditFilters({ search, zone, onChange }: { search: AuditSearch; zone: string; onChange: (next: Partial<AuditSearch>, options?: { replace?: boolean }) => void }) {
  const [actor, setActor] = useState(search.actor ?? '');
  const pushActor = useDebouncedCallback((value: string) => onChange({ actor: value.trim() || undefined }, { replace: true }), 300);
  // The URL is the source of truth: follow it when it changes elsewhere (back button, "Clear filters").
  useEffect(() => {
    setActor((current) => (current.trim() === (search.actor ?? '') ? current : (search.actor ?? '')));
  }, [search.actor]);
  const subjectOptions = [{ value: '', label: m.anySubject }, ...Object.entries(SUBJECT_TYPE_LABELS).map(([value, label]) => ({ value, label }))];
  if (search.subjectType && !(search.subjectType in SUBJECT_TYPE_LABELS)) subjectOptions.push({ value: search.subjectType, label: search.subjectType });

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput
        label={m.actor}
        placeholder={m.actorPlaceholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={actor}
        onChange={(event) => {
          setActor(event.currentTarget.value);
          pushActor(event.currentTarget.value);
        }}
        w={220}
        data-testid="audit-filter-actor"
      />
      <Select
        label={m.type}
        placeholder={m.anyType}
        data={TYPE_OPTIONS}
        value={search.type ?? null}
        onChange={(value) => onChange({ type: (value ?? undefined) as AuditEventType | undefined })}
        searchable
        clearable
        w={300}
        maxDropdownHeight={320}
        data-testid="audit-filter-type"
      />
      <NativeSelect
        label={m.subjectType}
        value={search.subjectType ?? ''}
        data={subjectOptions}
        onChange={(event) => onChange({ subjectType: event.currentTarget.value || undefined, subjectId: undefined })}
        w={170}
        data-testid="audit-filter-subject"
      />
      <TextInput
        type="date"
        label={m.from}
        description={m.periodHint(zone)}
        value={search.from ?? ''}
        max={search.to}
        onChange={(event) => onChange({ from: event.currentTarget.value || undefined })}
        w={170}
        data-testid="audit-filter-from"
      />
      <TextInput
        type="date"
        label={m.to}
        description={m.periodHint(zone)}
        value={search.to ?? ''}
        min={search.from}
        onChange={(event) => onChange({ to: event.currentTarget.value || undefined })}
        w={170}
        data-testid="audit-filter-to"
      />
      {hasAuditFilters(search) ? (
        <Button
          variant="subtle"
          onClick={() => {
            setActor('');
            onChange({ actor: undefined, type: undefined, subjectType: undefined, subjectId: undefined, from: undefined, to: undefined });
          }}
        >
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}
