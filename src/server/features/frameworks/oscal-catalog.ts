/**
 * OSCAL catalog → requirement rows (pure, no I/O). Groups become `group` requirements, controls
 * `control`, controls nested in a control `enhancement`; statement prose is flattened to text with its
 * item labels and parameters written the way NIST prints them ("[Assignment: …]"); props and params are
 * kept as data. Withdrawn controls are skipped (they carry no requirement, only a pointer elsewhere).
 * Serves the catalogue (NIST SP 800-53 Rev. 5, loaded at migration) and organizations' own imports.
 */
import type { RequirementSeed } from './requirement-writer.js';

interface OscalProp {
  name: string;
  value: string;
  class?: string;
  ns?: string;
}
interface OscalPart {
  id?: string;
  name: string;
  title?: string;
  prose?: string;
  props?: OscalProp[];
  parts?: OscalPart[];
}
interface OscalParam {
  id: string;
  label?: string;
  select?: { 'how-many'?: string; choice?: string[] };
  guidelines?: { prose: string }[];
  values?: string[];
  props?: OscalProp[];
}
interface OscalControl {
  id: string;
  class?: string;
  title: string;
  params?: OscalParam[];
  props?: OscalProp[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}
interface OscalGroup {
  id?: string;
  class?: string;
  title: string;
  params?: OscalParam[];
  props?: OscalProp[];
  parts?: OscalPart[];
  groups?: OscalGroup[];
  controls?: OscalControl[];
}
export interface OscalCatalogDocument {
  catalog: {
    uuid: string;
    metadata: { title: string; version: string; 'oscal-version': string; published?: string; 'last-modified'?: string; parties?: { uuid?: string; name?: string; type?: string }[] };
    params?: OscalParam[];
    groups?: OscalGroup[];
    controls?: OscalControl[];
  };
}

interface ParsedOscalCatalog {
  title: string;
  version: string;
  oscalVersion: string;
  publisher: string | null;
  requirements: RequirementSeed[];
  withdrawnSkipped: number;
}

const MAX_TEXT = 20_000;

function propValue(props: OscalProp[] | undefined, name: string): string | undefined {
  const matching = (props ?? []).filter((p) => p.name === name);
  // 800-53 5.1 also carries a zero-padded label with class "sp800-53a"; prefer the plain one.
  return (matching.find((p) => !p.class) ?? matching[0])?.value;
}

function isWithdrawn(control: OscalControl): boolean {
  return (control.props ?? []).some((p) => p.name === 'status' && p.value === 'withdrawn');
}

/** A parameter as NIST prints it in a statement. */
function describeParam(param: OscalParam | undefined, id: string): string {
  if (!param) return `[${id}]`;
  if (param.values && param.values.length > 0) return param.values.join(', ');
  if (param.select?.choice && param.select.choice.length > 0) {
    const how = param.select['how-many'] === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
    return `[${how}: ${param.select.choice.join('; ')}]`;
  }
  return `[Assignment: ${param.label ?? id}]`;
}

function resolveInserts(prose: string, params: Map<string, OscalParam>): string {
  // The choices of a selection may themselves hold inserts; resolve twice at most.
  let text = prose;
  for (let round = 0; round < 2 && text.includes('{{'); round += 1) {
    text = text.replace(/\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g, (_m, id: string) => describeParam(params.get(id), id));
  }
  return text;
}

/** A part tree as indented lines: "a. …", "  1. …". */
function flattenPart(part: OscalPart, params: Map<string, OscalParam>, depth: number, lines: string[]): void {
  const label = propValue(part.props, 'label');
  const prose = part.prose ? resolveInserts(part.prose.trim(), params) : '';
  const head = [label, part.title && !prose ? part.title : null, prose].filter(Boolean).join(' ');
  if (head) lines.push(`${'  '.repeat(depth)}${head}`);
  for (const child of part.parts ?? []) flattenPart(child, params, head ? depth + 1 : depth, lines);
}

function partsText(parts: OscalPart[] | undefined, names: string[], params: Map<string, OscalParam>): string | null {
  const lines: string[] = [];
  for (const part of parts ?? []) if (names.includes(part.name)) flattenPart(part, params, 0, lines);
  const text = lines.join('\n').trim();
  if (!text) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function dataOf(node: { id?: string; class?: string; props?: OscalProp[]; params?: OscalParam[] }): Record<string, unknown> {
  const props = (node.props ?? []).filter((p) => p.name !== 'label' && p.name !== 'sort-id');
  const data: Record<string, unknown> = { oscal_id: node.id ?? null };
  if (node.class) data.class = node.class;
  if (props.length > 0) data.props = props.map((p) => ({ name: p.name, value: p.value, ...(p.class ? { class: p.class } : {}) }));
  if (node.params && node.params.length > 0) {
    data.params = node.params.map((p) => ({ id: p.id, ...(p.label ? { label: p.label } : {}), ...(p.select ? { select: p.select } : {}), ...(p.values ? { values: p.values } : {}) }));
  }
  return data;
}

/** Maps a schema-valid OSCAL catalog to requirement seeds in document order. */
export function parseOscalCatalog(document: OscalCatalogDocument): ParsedOscalCatalog {
  const { catalog } = document;
  const params = new Map<string, OscalParam>();
  const collectParams = (list: OscalParam[] | undefined) => {
    for (const p of list ?? []) params.set(p.id, p);
  };
  collectParams(catalog.params);
  const visitParams = (group: OscalGroup) => {
    collectParams(group.params);
    for (const g of group.groups ?? []) visitParams(g);
    const visitControl = (c: OscalControl) => {
      collectParams(c.params);
      for (const child of c.controls ?? []) visitControl(child);
    };
    for (const c of group.controls ?? []) visitControl(c);
  };
  visitParams({ title: '', groups: catalog.groups, controls: catalog.controls });

  const requirements: RequirementSeed[] = [];
  const refs = new Set<string>();
  let withdrawnSkipped = 0;
  /** The ref is the source's label (AC-2, AC-2(1)); else the id; made unique within the framework. */
  const uniqueRef = (wanted: string, id: string | undefined): string => {
    let ref = wanted;
    if (refs.has(ref) && id && !refs.has(id)) ref = id;
    for (let n = 2; refs.has(ref); n += 1) ref = `${wanted}~${n}`;
    refs.add(ref);
    return ref;
  };

  const visitControl = (control: OscalControl, parentRef: string | null, isNested: boolean, theme: string | null) => {
    if (isWithdrawn(control)) {
      withdrawnSkipped += 1 + countControls(control.controls);
      return;
    }
    const ref = uniqueRef(propValue(control.props, 'label') ?? control.id.toUpperCase(), control.id);
    requirements.push({
      ref,
      parent: parentRef,
      kind: isNested ? 'enhancement' : 'control',
      title: control.title.trim() || ref,
      text: partsText(control.parts, ['statement'], params),
      guidance: partsText(control.parts, ['guidance'], params),
      obligation: null,
      theme,
      assessable: true,
      data: dataOf(control),
    });
    for (const child of control.controls ?? []) visitControl(child, ref, true, theme);
  };
  const visitGroup = (group: OscalGroup, parentRef: string | null, theme: string | null) => {
    const ref = uniqueRef(propValue(group.props, 'label') ?? (group.id ? group.id.toUpperCase() : group.title), group.id);
    const groupTheme = theme ?? group.title;
    requirements.push({
      ref,
      parent: parentRef,
      kind: 'group',
      title: group.title.trim() || ref,
      text: partsText(group.parts, ['overview', 'statement'], params),
      guidance: null,
      obligation: null,
      theme: groupTheme,
      assessable: false,
      data: dataOf(group),
    });
    for (const g of group.groups ?? []) visitGroup(g, ref, groupTheme);
    for (const c of group.controls ?? []) visitControl(c, ref, false, groupTheme);
  };
  for (const group of catalog.groups ?? []) visitGroup(group, null, null);
  for (const control of catalog.controls ?? []) visitControl(control, null, false, null);

  const publisher = catalog.metadata.parties?.find((p) => p.type === 'organization')?.name ?? null;
  return { title: catalog.metadata.title, version: catalog.metadata.version, oscalVersion: catalog.metadata['oscal-version'], publisher, requirements, withdrawnSkipped };
}

function countControls(list: OscalControl[] | undefined): number {
  return (list ?? []).reduce((n, c) => n + 1 + countControls(c.controls), 0);
}
