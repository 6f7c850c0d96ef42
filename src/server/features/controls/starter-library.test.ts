import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL_CATEGORIES } from '../../../shared/compliance.js';
import { loadStarterLibrary, STARTER_LIBRARY_FILE } from './starter-library.js';

// The reference lists the catalogue is checked against (ISO 27001:2022 Annex A ids; 45 CFR 164 Subpart C).
// The shared reference beside the repository (../shared), or where it lives on the build machines.
const REFERENCE = [path.resolve(path.dirname(STARTER_LIBRARY_FILE), '../../shared/reference'), '/work/shared/reference'].find((dir) => fs.existsSync(path.join(dir, 'iso27001-2022.json'))) ?? '/work/shared/reference';
const referenceAvailable = fs.existsSync(path.join(REFERENCE, 'iso27001-2022.json'));
const catalogueFile = (name: string) => path.resolve(path.dirname(STARTER_LIBRARY_FILE), 'frameworks', name);

interface HipaaRow { kind: string; cfr: string; has_implementation_specifications?: boolean }

describe('healthcare starter library', () => {
  const library = loadStarterLibrary();
  const refs = new Set(library.controls.flatMap((c) => c.requirements));

  it('holds about 60 controls with unique HC codes, a category and a review cadence', () => {
    expect(library.controls.length).toBeGreaterThanOrEqual(55);
    expect(library.controls.length).toBeLessThanOrEqual(70);
    expect(new Set(library.controls.map((c) => c.code)).size).toBe(library.controls.length);
    for (const control of library.controls) {
      expect(CONTROL_CATEGORIES).toContain(control.category);
      expect(control.description.length).toBeGreaterThan(40);
    }
  });

  // The built-in catalogue (catalog/frameworks) is the source of truth; the shared reference, when present, is checked too.
  const catalogue = (framework: string) => (JSON.parse(fs.readFileSync(catalogueFile(`${framework}.json`), 'utf8')) as { requirements: { ref: string; kind: string; data?: { has_implementation_specifications?: boolean } }[] }).requirements;
  const hasCatalogue = fs.existsSync(catalogueFile('iso27001-2022.json')) && fs.existsSync(catalogueFile('hipaa-security-rule.json'));

  it.runIf(hasCatalogue)('maps to every one of the 93 Annex A controls of the catalogue', () => {
    const annexA = catalogue('iso27001-2022').filter((r) => r.kind === 'control' && r.ref.startsWith('A.')).map((r) => r.ref);
    expect(annexA).toHaveLength(93);
    expect(annexA.filter((ref) => !refs.has(`iso27001-2022:${ref}`))).toEqual([]);
  });

  it.runIf(hasCatalogue)('maps to every HIPAA Security Rule implementation specification and every standard without specifications', () => {
    const rows = catalogue('hipaa-security-rule');
    const needed = rows.filter((r) => r.kind === 'implementation_specification' || (r.kind === 'standard' && !r.data?.has_implementation_specifications)).map((r) => r.ref);
    expect(needed.length).toBeGreaterThan(45);
    expect(needed.filter((ref) => !refs.has(`hipaa-security-rule:${ref}`))).toEqual([]);
  });

  it.runIf(referenceAvailable)('agrees with the shared reference lists (Annex A and 45 CFR 164 Subpart C)', () => {
    const annexA = (JSON.parse(fs.readFileSync(path.join(REFERENCE, 'iso27001-2022.json'), 'utf8')) as { annex_a: { id: string }[] }).annex_a.map((a) => a.id);
    expect(annexA.filter((id) => !refs.has(`iso27001-2022:${id}`))).toEqual([]);
    const rows = JSON.parse(fs.readFileSync(path.join(REFERENCE, 'hipaa-security-rule.json'), 'utf8')) as HipaaRow[];
    const needed = rows.filter((r) => r.kind === 'implementation_specification' || (r.kind === 'standard' && !r.has_implementation_specifications)).map((r) => r.cfr);
    expect(needed.filter((cfr) => !refs.has(`hipaa-security-rule:${cfr}`))).toEqual([]);
  });

  it('links relevant GDPR articles', () => {
    for (const article of ['Art. 5', 'Art. 24', 'Art. 25', 'Art. 28', 'Art. 30', 'Art. 32', 'Art. 33', 'Art. 34', 'Art. 35']) expect(refs).toContain(`gdpr:${article}`);
  });

  it.runIf(hasCatalogue)('uses only refs that exist in the built-in catalogue', () => {
    const known = new Set(['iso27001-2022', 'hipaa-security-rule', 'gdpr'].flatMap((framework) => (fs.existsSync(catalogueFile(`${framework}.json`)) ? catalogue(framework).map((r) => `${framework}:${r.ref}`) : [])));
    expect([...refs].filter((ref) => !known.has(ref))).toEqual([]);
  });
});
