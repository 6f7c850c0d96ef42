/**
 * Reads the built-in catalogue from catalog/ (versioned data, ADR 0011): ISO/IEC 27001:2022 ids with our
 * own titles and guidance, the HIPAA Security and Breach Notification Rules, GDPR articles, NIST SP 800-53
 * Rev. 5 from NIST's OSCAL catalog, and the crosswalks. The app never reads /work/shared at run time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseOscalCatalog, type OscalCatalogDocument } from './oscal-catalog.js';
import type { RequirementSeed } from './requirement-writer.js';

export const CATALOG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../catalog');

interface CatalogueFramework {
  id: string;
  key: string;
  name: string;
  shortName: string;
  version: string;
  publisher: string | null;
  description: string | null;
  source: string | null;
  sourceSha256: string | null;
  requirements: RequirementSeed[];
}

interface CatalogueLink {
  fromId: string;
  toId: string;
  source: 'nist_sp800_66r2' | 'nist_olir' | 'custos';
  strength: 'strong' | 'moderate' | 'weak';
  note: string | null;
}

export interface Catalogue {
  catalogVersion: string;
  frameworks: CatalogueFramework[];
  links: CatalogueLink[];
}

interface FrameworkHeader {
  id: string;
  key: string;
  name: string;
  short_name: string;
  version?: string;
  publisher?: string;
  description?: string;
  source?: string;
}
interface Manifest {
  catalog_version: string;
  frameworks: ({ file: string } | { oscal: string; sha256: string; framework: FrameworkHeader })[];
  crosswalks: { nist: string; editorial: string };
}
interface FrameworkFile {
  catalog_version: string;
  framework: FrameworkHeader & { version: string };
  requirements: (Omit<RequirementSeed, 'parent'> & { parent?: string | null })[];
}
interface NistCrosswalkFile {
  rows: {
    cfr: string;
    nist_sp800_53r5: string[];
    iso27001_2022_via_800_53_excl_xx1: { ref: string; via_800_53_count: number }[];
    iso27001_2022_editorial_primary: string[];
  }[];
}
interface EditorialFile {
  links: { from: string; to: string[]; strength: CatalogueLink['strength']; note: string }[];
}

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, relative), 'utf8')) as T;
}

/** 800-53 → ISO via NIST OLIR, composed through 800-53: three or more supporting controls is strong evidence. */
function olirStrength(viaCount: number): CatalogueLink['strength'] {
  if (viaCount >= 3) return 'strong';
  if (viaCount === 2) return 'moderate';
  return 'weak';
}

function headerOf(header: FrameworkHeader, version: string, sha: string | null, requirements: RequirementSeed[]): CatalogueFramework {
  return {
    id: header.id,
    key: header.key,
    name: header.name,
    shortName: header.short_name,
    version,
    publisher: header.publisher ?? null,
    description: header.description ?? null,
    source: header.source ?? null,
    sourceSha256: sha,
    requirements,
  };
}

function readFramework(entry: Manifest['frameworks'][number]): CatalogueFramework {
  if ('file' in entry) {
    const file = readJson<FrameworkFile>(entry.file);
    const seeds = file.requirements.map((r) => ({ ...r, parent: r.parent ?? null }));
    return headerOf(file.framework, file.framework.version, null, seeds);
  }
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(CATALOG_DIR, entry.oscal)));
  const sha = crypto.createHash('sha256').update(raw).digest('hex');
  // The built-in file is trusted because its hash is pinned here and a test validates it against the
  // OSCAL schema; so migration skips the ~1 s schema validation and only maps it through the importer.
  if (sha !== entry.sha256) throw new Error(`catalogue: ${entry.oscal} does not match its pinned SHA-256 (${sha})`);
  const parsed = parseOscalCatalog(JSON.parse(raw.toString('utf8')) as OscalCatalogDocument);
  return headerOf(entry.framework, entry.framework.version ?? parsed.version, sha, parsed.requirements);
}

function readLinks(manifest: Manifest): CatalogueLink[] {
  const links: CatalogueLink[] = [];
  const nist = readJson<NistCrosswalkFile>(manifest.crosswalks.nist);
  for (const row of nist.rows) {
    const fromId = `hipaa-security-rule:${row.cfr}`;
    for (const control of row.nist_sp800_53r5) {
      links.push({ fromId, toId: `nist-sp800-53-r5:${control}`, source: 'nist_sp800_66r2', strength: 'strong', note: 'NIST SP 800-66r2 mapping of the HIPAA row (and its key activity) to SP 800-53r5' });
    }
    // The variant without the "-1" policy-and-procedure controls, as the crosswalk's caveats recommend.
    for (const iso of row.iso27001_2022_via_800_53_excl_xx1) {
      links.push({ fromId, toId: `iso27001-2022:${iso.ref}`, source: 'nist_olir', strength: olirStrength(iso.via_800_53_count), note: `Through ${iso.via_800_53_count} SP 800-53r5 control(s) mapped by NIST OLIR to ISO/IEC 27001:2022` });
    }
    for (const ref of row.iso27001_2022_editorial_primary) {
      links.push({ fromId, toId: `iso27001-2022:${ref}`, source: 'custos', strength: 'strong', note: 'Custos editorial: the primary ISO/IEC 27001 reference for this HIPAA row' });
    }
  }
  const editorial = readJson<EditorialFile>(manifest.crosswalks.editorial);
  for (const link of editorial.links) {
    for (const to of link.to) links.push({ fromId: link.from, toId: to, source: 'custos', strength: link.strength, note: link.note });
  }
  return links;
}

let cached: Catalogue | null = null;

/** The catalogue as the files describe it (parsed once per process: tests migrate many databases). */
export function readCatalogue(): Catalogue {
  if (cached) return cached;
  const manifest = readJson<Manifest>('catalogue.json');
  const frameworks = manifest.frameworks.map(readFramework);
  const links = readLinks(manifest);
  const ids = new Set(frameworks.flatMap((f) => f.requirements.map((r) => `${f.id}:${r.ref}`)));
  const dangling = links.filter((l) => !ids.has(l.fromId) || !ids.has(l.toId));
  if (dangling.length > 0) throw new Error(`catalogue: ${dangling.length} crosswalk link(s) name unknown requirements, e.g. ${dangling[0]!.fromId} → ${dangling[0]!.toId}`);
  cached = { catalogVersion: manifest.catalog_version, frameworks, links };
  return cached;
}
