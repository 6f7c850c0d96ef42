import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-db.js';
import type { AppContext } from '../../kernel/context.js';
import { loadBuiltInCatalogue, type CatalogueDb } from './catalogue-loader.js';
import { CATALOG_DIR, readCatalogue } from './catalogue-files.js';
import { validateOscalCatalog } from './oscal-schema.js';

const REFERENCE = '/work/shared/reference';
const hasReference = fs.existsSync(`${REFERENCE}/hipaa-security-rule.json`) && fs.existsSync(`${REFERENCE}/iso27001-2022.json`);

describe('built-in catalogue (migration 20261130-load-catalogue)', () => {
  let ctx: AppContext;
  let testDb: TestDatabase;
  let db: CatalogueDb;

  beforeAll(async () => {
    ({ ctx, testDb } = await createTestContext());
    db = ctx.database.db as unknown as CatalogueDb;
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const rows = (frameworkId: string) => db.selectFrom('requirements').selectAll().where('framework_id', '=', frameworkId).orderBy('sort_order').execute();

  it('loads the five built-in frameworks with their requirement counts', async () => {
    const frameworks = await db.selectFrom('frameworks').selectAll().where('organization_id', 'is', null).orderBy('id').execute();
    expect(frameworks.map((f) => f.id)).toEqual(['gdpr', 'hipaa-breach-notification', 'hipaa-security-rule', 'iso27001-2022', 'nist-sp800-53-r5']);
    for (const f of frameworks) {
      expect(f.origin).toBe('builtin');
      expect(f.catalog_version).toBe(readCatalogue().catalogVersion);
      expect((await rows(f.id)).length, f.id).toBe(f.requirement_count);
    }
  });

  it('holds the 93 Annex A controls (37/8/14/34, 11 new) and the 41 numbered clauses of 4–10', async () => {
    const iso = await rows('iso27001-2022');
    const controls = iso.filter((r) => r.kind === 'control');
    expect(controls).toHaveLength(93);
    const byTheme = Object.fromEntries(['organizational', 'people', 'physical', 'technological'].map((t) => [t, controls.filter((c) => c.theme === t).length]));
    expect(byTheme).toEqual({ organizational: 37, people: 8, physical: 14, technological: 34 });
    expect(controls.every((c) => c.assessable === 1 && c.id === `iso27001-2022:${c.ref}` && c.guidance)).toBe(true);
    expect(controls.filter((c) => JSON.parse(c.data ?? '{}').new_in_2022 === true)).toHaveLength(11);
    const clauses = iso.filter((r) => r.kind === 'clause');
    expect(clauses).toHaveLength(41);
    expect(clauses.find((c) => c.ref === '6.1')!.assessable).toBe(0);
    expect(clauses.find((c) => c.ref === '6.1.3')!.assessable).toBe(1);
    expect(clauses.find((c) => c.ref === '6.1.3')!.parent_id).toBe('iso27001-2022:6.1');
  });

  it('checks ISO ids and themes against ../shared/reference', async (context) => {
    if (!hasReference) {
      context.skip('the reference data at /work/shared/reference is not present on this machine; only the committed catalogue was checked');
      return;
    }
    const reference = JSON.parse(fs.readFileSync(`${REFERENCE}/iso27001-2022.json`, 'utf8')) as { annex_a: { id: string; theme: string; new_in_2022: boolean; title: string }[]; clauses: { id: string }[] };
    const iso = await rows('iso27001-2022');
    const controls = new Map(iso.filter((r) => r.kind === 'control').map((r) => [r.ref, r]));
    for (const a of reference.annex_a) {
      const row = controls.get(a.id);
      expect(row, a.id).toBeDefined();
      expect(row!.theme, a.id).toBe(a.theme);
      expect(JSON.parse(row!.data!).new_in_2022, a.id).toBe(a.new_in_2022);
    }
    expect(new Set(iso.filter((r) => r.kind === 'clause').map((r) => r.ref))).toEqual(new Set(reference.clauses.map((c) => c.id)));
    // Our own titles, not ISO's: at most a one- or two-word generic term may coincide.
    const same = reference.annex_a.filter((a) => controls.get(a.id)!.title.toLowerCase() === a.title.toLowerCase());
    expect(same.map((a) => a.id)).toEqual(['A.5.7']);
  });

  it('holds every HIPAA Security Rule standard and specification with its R/A flag and parent (22 standards; 24 required, 22 addressable)', async () => {
    const hipaa = await rows('hipaa-security-rule');
    const standards = hipaa.filter((r) => r.kind === 'standard');
    const specs = hipaa.filter((r) => r.kind === 'implementation_specification');
    expect(standards).toHaveLength(22);
    expect(specs.filter((s) => s.obligation === 'required')).toHaveLength(24);
    expect(specs.filter((s) => s.obligation === 'addressable')).toHaveLength(22);
    expect(hipaa.find((r) => r.ref === '164.308(a)(3)(ii)(B)')).toMatchObject({ obligation: 'addressable', parent_id: 'hipaa-security-rule:164.308(a)(3)', theme: 'administrative' });
    // A standard with specifications is assessed through them; one without is itself required.
    expect(hipaa.find((r) => r.ref === '164.308(a)(1)')).toMatchObject({ obligation: null, assessable: 0 });
    expect(hipaa.find((r) => r.ref === '164.312(b)')).toMatchObject({ obligation: 'required', assessable: 1, theme: 'technical' });
    for (const spec of specs) {
      const parent = hipaa.find((r) => r.id === spec.parent_id);
      expect(parent?.kind, spec.ref).toBe('standard');
      expect(spec.text, spec.ref).toBeTruthy();
    }
  });

  it('checks every HIPAA row, flag and citation against ../shared/reference', async (context) => {
    if (!hasReference) {
      context.skip('the reference data at /work/shared/reference is not present on this machine; only the committed catalogue was checked');
      return;
    }
    const reference = JSON.parse(fs.readFileSync(`${REFERENCE}/hipaa-security-rule.json`, 'utf8')) as { kind: string; cfr: string; required: boolean; text: string; standard_cfr: string; has_implementation_specifications?: boolean }[];
    const hipaa = new Map((await rows('hipaa-security-rule')).map((r) => [r.ref, r]));
    expect(reference).toHaveLength(68);
    for (const ref of reference) {
      const row = hipaa.get(ref.cfr);
      expect(row, ref.cfr).toBeDefined();
      expect(row!.kind).toBe(ref.kind);
      expect(row!.text).toBe(ref.text);
      if (ref.kind === 'implementation_specification') {
        expect(row!.obligation, ref.cfr).toBe(ref.required ? 'required' : 'addressable');
        expect(row!.parent_id).toBe(`hipaa-security-rule:${ref.standard_cfr}`);
      } else {
        expect(row!.obligation, ref.cfr).toBe(ref.has_implementation_specifications ? null : 'required');
      }
    }
  });

  it('holds the Breach Notification Rule sections, the GDPR articles and NIST SP 800-53 from OSCAL', async () => {
    expect((await rows('hipaa-breach-notification')).map((r) => r.ref)).toEqual(['164.400', '164.402', '164.404', '164.406', '164.408', '164.410', '164.412', '164.414']);
    expect((await rows('gdpr')).map((r) => r.id)).toEqual(['gdpr:Art. 5', 'gdpr:Art. 24', 'gdpr:Art. 25', 'gdpr:Art. 28', 'gdpr:Art. 30', 'gdpr:Art. 32', 'gdpr:Art. 33', 'gdpr:Art. 34', 'gdpr:Art. 35']);
    const nist = await rows('nist-sp800-53-r5');
    expect(nist.filter((r) => r.kind === 'group')).toHaveLength(20);
    const ac2 = nist.find((r) => r.ref === 'AC-2')!;
    expect(ac2).toMatchObject({ kind: 'control', parent_id: 'nist-sp800-53-r5:AC', theme: 'Access Control', title: 'Account Management', assessable: 1 });
    expect(ac2.text).toContain('a. Define and document the types of accounts');
    expect(ac2.text).toContain('[Assignment: organization-defined prerequisites and criteria]');
    expect(nist.find((r) => r.ref === 'AC-2(1)')).toMatchObject({ kind: 'enhancement', parent_id: 'nist-sp800-53-r5:AC-2' });
    // Withdrawn controls (e.g. AC-2(10), withdrawn into AC-2(k)) are not loaded.
    expect(nist.find((r) => r.ref === 'AC-2(10)')).toBeUndefined();
    expect(nist.length).toBeGreaterThan(1000);
  });

  it('holds crosswalk links from the three sources, all between existing requirements', async () => {
    const counts = await db.selectFrom('requirement_links').select(['source']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('source').orderBy('source').execute();
    const bySource = Object.fromEntries(counts.map((c) => [c.source, Number(c.n)]));
    expect(Object.keys(bySource)).toEqual(['custos', 'nist_olir', 'nist_sp800_66r2']);
    expect(bySource.nist_sp800_66r2).toBe(481);
    expect(bySource.nist_olir).toBe(738);
    const link = await db.selectFrom('requirement_links').selectAll().where('from_id', '=', 'hipaa-security-rule:164.308(a)(1)').where('to_id', '=', 'nist-sp800-53-r5:RA-3').executeTakeFirst();
    expect(link).toMatchObject({ source: 'nist_sp800_66r2' });
    const breach = await db.selectFrom('requirement_links').select('to_id').where('from_id', '=', 'hipaa-breach-notification:164.404').where('source', '=', 'custos').execute();
    expect(breach.map((l) => l.to_id)).toContain('iso27001-2022:A.5.26');
  });

  it('is idempotent, and an upgrade keeps requirements an organization points at', async () => {
    const before = await db.selectFrom('requirements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await loadBuiltInCatalogue(db);
    expect(again.skipped).toBe(true);
    // A newer catalogue version without A.5.7 and A.5.8; an organization's control links A.5.7.
    const catalogue = readCatalogue();
    const { buildOrganization } = await import('../../testing/factories.js');
    const org = await buildOrganization(ctx);
    await ctx.database.db
      .insertInto('controls' as never)
      .values({ id: 'ctl-1', organization_id: org.id, code: 'T-1', name: 'Threat feed', name_lower: 'threat feed', category: 'organizational', status: 'planned', effectiveness: 'not_assessed', inheritable: 0, version: 1, created_at: 'x', updated_at: 'x' } as never)
      .execute();
    await ctx.database.db.insertInto('control_requirements' as never).values({ control_id: 'ctl-1', requirement_id: 'iso27001-2022:A.5.7', organization_id: org.id } as never).execute();
    const newer = {
      ...catalogue,
      catalogVersion: '2099.1.0',
      frameworks: catalogue.frameworks.map((f) => (f.id === 'iso27001-2022' ? { ...f, requirements: f.requirements.filter((r) => r.ref !== 'A.5.7' && r.ref !== 'A.5.8').map((r) => (r.ref === 'A.5.1' ? { ...r, title: 'Policy set (renamed)' } : r)) } : f)),
      links: catalogue.links.filter((l) => !/A\.5\.[78]$/.test(l.toId)),
    };
    const upgraded = await loadBuiltInCatalogue(db, { catalogue: newer });
    expect(upgraded).toMatchObject({ skipped: false, keptStale: 1 });
    const ids = (await rows('iso27001-2022')).map((r) => r.ref);
    expect(ids).toContain('A.5.7');
    expect(ids).not.toContain('A.5.8');
    expect((await rows('iso27001-2022')).find((r) => r.ref === 'A.5.1')!.title).toBe('Policy set (renamed)');
    const after = await db.selectFrom('requirements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) - 1);
    const link = await ctx.database.db.selectFrom('control_requirements' as never).selectAll().execute();
    expect(link).toHaveLength(1);
  });

  it('ships an 800-53 catalog that is valid against the OSCAL 1.2.1 catalog schema', () => {
    const raw = zlib.gunzipSync(fs.readFileSync(`${CATALOG_DIR}/oscal/NIST_SP-800-53_rev5_catalog.json.gz`));
    const result = validateOscalCatalog(JSON.parse(raw.toString('utf8')));
    expect(result.errors).toEqual([]);
  });
});
