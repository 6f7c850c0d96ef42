/** Every recorded field of an asset, grouped as the form groups them; unknown booleans say "Unknown". */
import { Badge, Box, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ASSET_TYPE_LABELS, CIA_LABELS, DATA_CATEGORY_LABELS, PATIENT_SAFETY_LABELS, type TAsset } from '../../../shared/contracts/assets.js';
import { formatDate, formatDateTime } from '../../kernel/format.js';
import { ClassificationBadge, CriticalityBadge, TriStateText } from './asset-badges.js';
import { SECTION_TITLES } from './asset-form-fields.js';
import { EPHI_ROLES, FLAG_FIELDS, SECTION_FIELDS, sectionOfType } from './asset-form-values.js';
import classes from './assets.module.css';
import { assetMessages as m } from './messages.js';

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? classes.wideItem : undefined}>
      <Text component="dt" size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function FieldGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="md" mb="sm">
        {title}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
        {children}
      </SimpleGrid>
    </Paper>
  );
}

const text = (value: string | null | undefined) => value || m.notRecorded;
const isFlag = (field: string): field is (typeof FLAG_FIELDS)[number] => (FLAG_FIELDS as readonly string[]).includes(field);

function typeSpecificValue(asset: TAsset, field: (typeof SECTION_FIELDS)[keyof typeof SECTION_FIELDS][number], timeZone: string): ReactNode {
  if (isFlag(field)) return <TriStateText value={asset[field]} />;
  if (field === 'hosting') return asset.hosting ? (m.hosting[asset.hosting] ?? asset.hosting) : m.notRecorded;
  if (field === 'endOfSupport') return asset.endOfSupport ? formatDate(`${asset.endOfSupport}T12:00:00Z`, 'UTC') : m.notRecorded;
  if (field === 'lastCheckIn') return asset.lastCheckIn ? `${formatDateTime(asset.lastCheckIn, timeZone)} (${timeZone})` : m.notRecorded;
  const value = asset[field];
  return typeof value === 'string' && value ? value : m.notRecorded;
}

export function AssetOverviewTab({ asset, timeZone }: { asset: TAsset; timeZone: string }) {
  const section = sectionOfType(asset.type);
  const roles = EPHI_ROLES.filter((role) => asset[role]).map((role) => m.ephiRoles[role]);
  return (
    <Box className={classes.stack} data-testid="asset-overview">
      <FieldGroup title={m.sections.identity}>
        <Item label={m.fields.type}>{ASSET_TYPE_LABELS[asset.type]}</Item>
        <Item label={m.fields.owner}>{text(asset.owner)}</Item>
        <Item label={m.fields.custodian}>{text(asset.custodian)}</Item>
        <Item label={m.fields.location}>{text(asset.location)}</Item>
        <Item label={m.fields.lifecycle}>{m.lifecycle[asset.lifecycle] ?? asset.lifecycle}</Item>
        <Item label={m.fields.externalRef}>{text(asset.externalRef)}</Item>
        <Item label={m.fields.tags} wide>
          {asset.tags.length ? (
            <Group gap={4} component="span">
              {asset.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="default" styles={{ label: { textTransform: 'none' } }}>
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : (
            m.noneRecorded
          )}
        </Item>
        <Item label={m.fields.description} wide>
          <span className={classes.preWrap}>{text(asset.description)}</span>
        </Item>
      </FieldGroup>
      <FieldGroup title={m.sections.valuation}>
        <Item label={m.fields.classificationId}>
          <ClassificationBadge name={asset.classificationName} colour={asset.classificationColour} />
        </Item>
        <Item label={m.columns.criticality}>
          <CriticalityBadge value={asset.criticality} />
        </Item>
        <Item label={m.fields.dataCategories}>{asset.dataCategories.length ? asset.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ') : m.noneRecorded}</Item>
        <Item label={m.fields.confidentiality}>{m.levelOption(asset.confidentiality, CIA_LABELS[asset.confidentiality] ?? '')}</Item>
        <Item label={m.fields.integrity}>{m.levelOption(asset.integrity, CIA_LABELS[asset.integrity] ?? '')}</Item>
        <Item label={m.fields.availability}>{m.levelOption(asset.availability, CIA_LABELS[asset.availability] ?? '')}</Item>
        <Item label={m.fields.patientSafetyImpact}>{m.levelOption(asset.patientSafetyImpact, PATIENT_SAFETY_LABELS[asset.patientSafetyImpact] ?? '')}</Item>
        <Item label={m.ephiRole}>{roles.length ? roles.join(', ') : m.noneRecorded}</Item>
      </FieldGroup>
      {section ? (
        <FieldGroup title={SECTION_TITLES[section]}>
          {SECTION_FIELDS[section].map((field) => (
            <Item key={field} label={asset.type === 'mobile_device' && field === 'encryptedAtRest' ? m.diskEncryption : m.fields[field]}>
              {typeSpecificValue(asset, field, timeZone)}
            </Item>
          ))}
        </FieldGroup>
      ) : null}
      <FieldGroup title={m.sections.continuity}>
        <Item label={m.fields.rtoHours}>{asset.rtoHours === null ? m.notRecorded : m.hours(asset.rtoHours)}</Item>
        <Item label={m.fields.rpoHours}>{asset.rpoHours === null ? m.notRecorded : m.hours(asset.rpoHours)}</Item>
        <Item label={m.created}>{`${formatDateTime(asset.createdAt, timeZone)} (${timeZone})`}</Item>
        <Item label={m.updated}>{`${formatDateTime(asset.updatedAt, timeZone)} (${timeZone})`}</Item>
      </FieldGroup>
    </Box>
  );
}
