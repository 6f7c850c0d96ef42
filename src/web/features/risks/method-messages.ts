/** Text of the risk method editor, re-map preview, risk matrix, heat maps, trends and catalogue (one place, ready for translation). */
import { ACCEPTANCE_AUTHORITY_LABELS, IMPACT_DIMENSION_LABELS, type ImpactDimension } from '../../../shared/contracts/risk-method.js';
import { RISK_CATEGORY_LABELS, RISK_STAGE_LABELS, type RiskStage } from '../../../shared/contracts/risks.js';
import type { MethodChange } from './method-draft.js';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const dimensionList = (items: readonly string[] = []) => items.map((d) => IMPACT_DIMENSION_LABELS[d as ImpactDimension] ?? d).join(', ');

export const methodMessages = {
  area: 'Plan',
  areaCheck: 'Check',
  // ---- Risk matrix ----
  likelihood: 'Likelihood',
  impact: 'Impact',
  matrixCorner: 'Likelihood',
  matrixImpactAxis: 'Impact →',
  matrixSelected: 'selected',
  matrixNoLevel: 'No level',
  matrixLegend: 'Risk levels',
  matrixCellName: (cell: { likelihood: number; likelihoodLabel: string; impact: number; impactLabel: string; level: string | null; count: number | null }) =>
    `Likelihood ${cell.likelihood} ${cell.likelihoodLabel} × impact ${cell.impact} ${cell.impactLabel}: ${cell.level ?? 'no level'}` + (cell.count === null ? '' : `, ${plural(cell.count, 'risk', 'risks')}`),

  // ---- Method page ----
  methodTitle: 'Risk method',
  methodDescription:
    'How this organization assesses risks (ISO/IEC 27001:2022 6.1.2; 45 CFR 164.308(a)(1)(ii)(A)): the likelihood and impact scales, the impact dimensions, the matrix of risk levels, and who may accept each level. Every change is saved as a new version; existing assessments are re-mapped, never cleared.',
  catalogueLink: 'Threats and vulnerabilities',
  editMethod: 'Edit method',
  readOnlyNote: 'You can read the method. Changing it needs the "risk.method" permission (ISMS manager or administrator).',
  versionBadge: (version: number) => `Version ${version}`,
  currentVersion: 'In force',
  savedBy: (who: string | null, when: string) => (who ? `Saved by ${who} on ${when}` : `Seeded on ${when}`),
  noNote: 'No note',
  general: 'Name and description',
  name: 'Name',
  description: 'Description',
  likelihoodScale: 'Likelihood scale',
  impactScale: 'Impact scale',
  scaleHint: (min: number, max: number) => `${min} to ${max} levels; 1 is the lowest. Removing or adding a level re-draws the matrix proportionally, the same way assessments will be re-mapped.`,
  levelValue: 'Value',
  levelLabel: 'Label',
  levelDescription: 'Description',
  addScaleLevel: 'Add level at the top',
  newScaleLabel: (n: number) => `Level ${n}`,
  removeScaleLevel: (scale: string, value: number, label: string) => `Remove ${scale.toLowerCase()} level ${value}${label ? ` (${label})` : ''}`,
  scaleLevelLabel: (scale: string, value: number) => `${scale} ${value}: label`,
  scaleLevelDescription: (scale: string, value: number) => `${scale} ${value}: description`,
  dimensionsTitle: 'Impact dimensions and aggregation',
  dimensionsHint: 'A risk is rated on each chosen dimension; dimensions left unrated take no part.',
  dimensionsLabel: 'Dimensions rated',
  dimensionLabels: IMPACT_DIMENSION_LABELS,
  aggregationLabel: 'The risk’s impact is',
  aggregationHighest: 'the highest rated dimension',
  aggregationWeighted: 'the weighted mean of the rated dimensions',
  aggregationSummary: (rule: 'highest' | 'weighted') => (rule === 'highest' ? 'Impact = the highest rated dimension' : 'Impact = weighted mean of the rated dimensions, rounded half up'),
  weightLabel: (dimension: string) => `Weight of ${dimension}`,
  levelsTitle: 'Risk levels and acceptance',
  levelsHint: 'From the lowest rank to the highest. Acceptance must not loosen as the level rises; "never" means the risk must be treated.',
  levelRank: 'Rank',
  actionsColumn: 'Actions',
  levelKey: 'Key',
  levelColour: 'Colour',
  levelAcceptance: 'Who may accept',
  levelCadence: 'Review every (months)',
  levelKeyOf: (label: string) => `Key of ${label}`,
  levelKeyFormat: 'must be lower-case letters, digits or _, starting with a letter (at most 40); not applied',
  levelKeyTaken: (key: string) => `"${key}" is used by another level; not applied`,
  levelLabelOf: (rank: number) => `Label of rank ${rank}`,
  levelColourOf: (label: string) => `Colour of ${label}`,
  levelAcceptanceOf: (label: string) => `Who may accept ${label}`,
  levelCadenceOf: (label: string) => `Review cadence of ${label} in months`,
  moveLevelDown: (label: string) => `Move ${label} one rank lower`,
  moveLevelUp: (label: string) => `Move ${label} one rank higher`,
  removeLevel: (label: string) => `Remove ${label} (its cells go to the level below)`,
  addLevel: 'Add a level above the highest',
  acceptanceLabels: ACCEPTANCE_AUTHORITY_LABELS,
  cadence: (months: number) => (months === 1 ? 'Every month' : `Every ${months} months`),
  matrixTitle: 'Matrix (live preview)',
  matrixViewTitle: 'Matrix',
  matrixEditHint: 'Click a cell to give it the level chosen here, or to step it through the levels.',
  brushLabel: 'Clicking a cell',
  brushCycle: 'Steps to the next level',
  brushSet: (label: string) => `Sets ${label}`,
  fillProportionally: (version: number) => `Re-draw proportionally from version ${version}`,
  fillHint: 'Carries the matrix in force over to the new scale sizes (each new cell takes the highest level of the old cells that map onto it), dropping your cell edits.',
  matrixCaption: (name: string) => `Risk matrix of "${name}": likelihood rows from highest to lowest, impact columns from lowest to highest`,
  issuesTitle: (n: number) => `${plural(n, 'problem', 'problems')} to fix before previewing`,
  changesTitle: 'Changes from the version in force',
  noChanges: 'No changes yet.',
  change: (change: MethodChange): string => {
    switch (change.kind) {
      case 'name':
        return `Name: "${change.from}" → "${change.to}"`;
      case 'description':
        return 'Description changed';
      case 'likelihood_size':
        return `Likelihood scale: ${change.from} → ${change.to} levels`;
      case 'impact_size':
        return `Impact scale: ${change.from} → ${change.to} levels`;
      case 'likelihood_labels':
        return 'Likelihood labels or descriptions changed';
      case 'impact_labels':
        return 'Impact labels or descriptions changed';
      case 'dimensions_added':
        return `Dimensions added: ${dimensionList(change.items)}`;
      case 'dimensions_removed':
        return `Dimensions removed: ${dimensionList(change.items)} (their ratings are dropped from the assessments)`;
      case 'aggregation':
        return `Aggregation: ${change.from} → ${change.to}`;
      case 'levels':
        return change.from === change.to ? 'Risk levels renamed, recoloured or reordered' : `Risk levels: ${change.from} → ${change.to}`;
      case 'acceptance':
        return `Who may accept changed for ${(change.items ?? []).join(', ')}`;
      case 'cadence':
        return `Review cadence changed for ${(change.items ?? []).join(', ')}`;
      case 'matrix':
        return `${plural(change.count ?? 0, 'matrix cell', 'matrix cells')} changed`;
    }
  },
  cancelEdit: 'Discard changes',
  previewChanges: 'Preview changes',
  previewDisabledInvalid: 'Fix the problems listed first.',
  previewDisabledUnchanged: 'Change something first.',
  versionsTitle: 'Versions',
  versionsCaption: 'Saved versions of the risk method, newest first',
  versionColumn: 'Version',
  savedAtColumn: 'Saved',
  savedByColumn: 'By',
  noteColumn: 'Note',
  view: 'View',
  viewVersion: (version: number) => `View version ${version}`,
  seeded: 'Seeded method',
  versionTitle: (version: number) => `Risk method, version ${version}`,
  scaleCaption: (scale: string) => `${scale} scale`,
  levelsCaption: 'Risk levels, their acceptance criteria and review cadence',

  // ---- Re-map preview ----
  previewTitle: 'Preview: existing assessments under the new method',
  previewIntro:
    'Every stored assessment is re-mapped proportionally (new value = ceil(old value × new levels ÷ old levels) on each scale); none is cleared. Adjust any row before applying. Rows that need input have no rated dimension left and must be adjusted.',
  assessmentsCount: (n: number) => (n === 1 ? 'assessment to re-map' : 'assessments to re-map'),
  levelChangedCount: (n: number) => (n === 1 ? 'changes level' : 'change level'),
  needsInputCount: (n: number) => (n === 1 ? 'needs input' : 'need input'),
  adjustedCount: () => 'adjusted by you',
  onlyChanges: 'Only rows that change level or need input',
  previewCaption: 'Every risk assessment with its old and new values',
  riskColumn: 'Risk',
  stageColumn: 'Stage',
  likelihoodColumn: 'Likelihood',
  impactsColumn: 'Impact per dimension',
  levelColumn: 'Level',
  stateColumn: 'State',
  stages: RISK_STAGE_LABELS as Record<RiskStage, string>,
  arrow: '→',
  notAssessed: 'not rated',
  dropped: 'dropped',
  added: 'new, not rated',
  needsInput: 'Needs input',
  adjusted: 'Adjusted',
  levelChanges: 'Level changes',
  unchanged: 'Unchanged',
  noLevelYet: 'none yet',
  adjust: 'Adjust',
  adjustRow: (ref: string, stage: string) => `Adjust ${ref} (${stage.toLowerCase()})`,
  undoAdjust: 'Use the proposal',
  undoAdjustRow: (ref: string, stage: string) => `Use the proposal for ${ref} (${stage.toLowerCase()})`,
  adjustTitle: (ref: string, stage: string) => `Adjust ${ref}, ${stage.toLowerCase()} assessment`,
  adjustIntro: (title: string) => `${title}. Values on the new scales; the level is derived as you choose.`,
  adjustLikelihood: 'Likelihood (new scale)',
  adjustImpact: (dimension: string) => `${dimension} (new scale)`,
  adjustNotRated: 'Not rated',
  adjustWas: (value: number | null) => (value === null ? 'was not rated' : `was ${value}`),
  adjustResult: 'New level:',
  adjustResultNone: 'Rate at least one dimension to derive a level.',
  adjustSave: 'Use these values',
  previewEmptyTitle: 'No assessments to re-map',
  previewEmptyBody: 'No risk has been assessed yet: the new method applies from the first assessment.',
  previewNoChangesTitle: 'No assessment changes level',
  previewNoChangesBody: 'Clear the filter to see every assessment with its re-mapped values.',
  backToEditing: 'Back to editing',
  apply: 'Apply new version',
  applyBlocked: (n: number) => `${plural(n, 'assessment needs', 'assessments need')} input before applying.`,
  noteLabel: 'Note for this version',
  notePlaceholder: 'Why the method changes (e.g. "Board decision of 12 May: 4 × 4 is enough")',
  applyTitle: 'Apply the new risk method?',
  applyBody: (version: number, assessments: number, adjusted: number) =>
    `Version ${version} comes into force and ${plural(assessments, 'assessment is', 'assessments are')} re-mapped to it${adjusted ? `, ${adjusted} with your adjustments` : ''}. Nothing is cleared.`,
  applyRecorded: 'The audit trail records the method change (with your note) and each risk whose values change.',
  applyConfirm: 'Apply',
  applied: (version: number, remapped: number, adjusted: number, levelChanged: number) =>
    `Version ${version} is in force: ${plural(remapped, 'assessment', 'assessments')} re-mapped (${adjusted} adjusted), ${plural(levelChanged, 'changed level', 'changed level')}.`,
  staleVersion: 'Another version of the method was saved while you were editing. Reload the page to start from the version now in force.',
  reload: 'Reload',

  // ---- Heat map ----
  heatmapTitle: 'Risk heat map',
  heatmapDescription:
    'How many risks sit in each cell of the matrix before any control (inherent), with the controls in place (current) and after the planned treatment (residual). Each number opens the register filtered to that level.',
  heatmapCaption: (stage: string) => `${stage} risk heat map: number of risks per likelihood × impact cell`,
  stageTabs: 'Assessment stage',
  sideBySide: 'Side by side',
  filtersLabel: 'Filter the heat map',
  site: 'Site',
  allSites: 'This organization only',
  everySite: 'Every site',
  category: 'Category',
  anyCategory: 'Any category',
  categories: RISK_CATEGORY_LABELS,
  owner: 'Owner',
  anyOwner: 'Any owner',
  status: 'Status',
  statuses: { open: 'Open', closed: 'Closed' } as Record<'open' | 'closed', string>,
  clearFilters: 'Clear filters',
  levelTotals: 'Risks per level',
  levelTotalsCaption: (stage: string) => `${stage} risks per level`,
  totalColumn: 'Risks',
  assessed: (n: number) => plural(n, 'risk assessed', 'risks assessed'),
  notAssessedCount: (n: number) => `${plural(n, 'risk', 'risks')} not assessed at this stage`,
  openLevel: (count: number, level: string, stage: string) => `${plural(count, 'risk', 'risks')} at ${level} (${stage.toLowerCase()}): open in the register`,
  methodVersionNote: (version: number) => `Method version ${version}`,
  excludedSites: (names: string[]) => `Left out because their risk method has other scale sizes (their cells would not line up): ${names.join(', ')}.`,
  emptyHeatmapTitle: 'No risks match',
  emptyHeatmapBody: 'No risk matches these filters yet. Record risks in the register, or clear the filters.',

  // ---- Trends ----
  trendsTitle: 'Risks per level over the last 12 months',
  trendsHint: 'Counted on the first day of each month; the last point is now.',
  trendsCaption: (stage: string) => `${stage} risks per level, month by month`,
  monthColumn: 'Month',
  earlierLevels: 'Levels of an earlier method',
  nowLabel: 'Now',
  trendsEmpty: 'No monthly counts yet: the first is taken at the start of next month.',
  showTable: 'Show as a table',
  showChart: 'Show as a chart',

  // ---- Catalogue ----
  catalogueTitle: 'Threats and vulnerabilities',
  catalogueDescription:
    'The healthcare catalogue risks are built from: the five threats of HHS 405(d) HICP (2023 edition) with their sub-threats, the threat-source types of NIST SP 800-30, common vulnerabilities (with the asset-register gap that detects each), and your organization’s own entries.',
  methodLink: 'Risk method',
  tabThreats: 'Threats (HICP 2023)',
  tabSources: 'Threat sources (NIST SP 800-30)',
  tabVulnerabilities: 'Vulnerabilities',
  tabOwn: 'Our own entries',
  threatsCaption: 'HICP 2023 threats and their sub-threats, with the number of risks that name each',
  sourcesCaption: 'Threat sources by type, with the number of risks that name each',
  vulnerabilitiesCaption: 'Vulnerabilities by category, with the number of risks that name each',
  ownCaption: 'Threats, threat sources and vulnerabilities added by this organization',
  titleColumn: 'Title',
  kindColumn: 'Kind',
  typeColumn: 'Type',
  categoryColumn: 'Category',
  dimensionsColumn: 'Typical impact',
  gapRuleColumn: 'Detected by gap rule',
  risksColumn: 'Risks',
  vulnerabilitiesOf: (n: number) => plural(n, 'typical vulnerability', 'typical vulnerabilities'),
  hicpThreat: (n: number, title: string) => `Threat ${n}: ${title}`,
  subThreats: (n: number) => plural(n, 'sub-threat', 'sub-threats'),
  search: 'Search the catalogue',
  searchPlaceholder: 'Title or description',
  kinds: { threat: 'Threat', threat_source: 'Threat source', vulnerability: 'Vulnerability' } as Record<'threat' | 'threat_source' | 'vulnerability', string>,
  sourceTypes: { adversarial: 'Adversarial', accidental: 'Accidental', structural: 'Structural', environmental: 'Environmental' } as Record<string, string>,
  vulnerabilityCategories: { technical: 'Technical', people: 'People', process: 'Process', physical: 'Physical', supplier: 'Supplier' } as Record<string, string>,
  addEntry: 'Add an entry',
  addEntryTitle: 'Add a threat, threat source or vulnerability',
  entryKind: 'Kind',
  entryTitle: 'Title',
  entryDescription: 'Description',
  entryCategory: 'Category',
  entryCategoryNone: 'Threats have no category.',
  entryRecorded: 'The audit trail records the new entry.',
  entrySave: 'Add',
  entryAdded: (title: string) => `"${title}" added to the catalogue.`,
  deleteEntry: (title: string) => `Remove ${title}`,
  deleteEntryTitle: 'Remove this entry?',
  deleteEntryBody: (title: string) => `"${title}" is removed from your catalogue. An entry that a risk still names cannot be removed.`,
  deleteEntryRecorded: 'The audit trail records the removal.',
  deleteEntryConfirm: 'Remove',
  entryRemoved: (title: string) => `"${title}" removed.`,
  ownEmptyTitle: 'No entries of your own yet',
  ownEmptyBody: 'Add a threat, a threat source or a vulnerability the built-in catalogue lacks; risks can then name it.',
  noMatch: 'Nothing in this list matches the search.',
  builtin: 'Built in',
} as const;
