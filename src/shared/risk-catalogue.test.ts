/** The healthcare threat and vulnerability catalogue (catalog/risk/*.json): shape, references and coverage (issue 5 item 2). */
import { describe, expect, it } from 'vitest';
import threatsFile from '../../catalog/risk/threats.json' with { type: 'json' };
import vulnerabilitiesFile from '../../catalog/risk/vulnerabilities.json' with { type: 'json' };
import defaultMethodFile from '../../catalog/risk/default-method.json' with { type: 'json' };
import { GAP_RULES } from './contracts/assets.js';
import { THREAT_SOURCE_TYPES, ZRiskMethod, ZThreatCatalogue, ZVulnerabilityCatalogue } from './contracts/risk-method.js';

const threats = ZThreatCatalogue.parse(threatsFile);
const vulnerabilities = ZVulnerabilityCatalogue.parse(vulnerabilitiesFile);
const vulnerabilityIds = new Set(vulnerabilities.vulnerabilities.map((v) => v.id));
const sourceIds = new Set(threats.threatSources.map((s) => s.id));

function repeated(ids: string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

describe('catalog/risk/threats.json', () => {
  it('holds exactly the five HICP 2023 threats, in their order', () => {
    expect(threats.threats.map((t) => [t.hicpThreat, t.id, t.title])).toEqual([
      [1, 'hicp.social-engineering', 'Social engineering'],
      [2, 'hicp.ransomware', 'Ransomware attack'],
      [3, 'hicp.loss-theft', 'Loss or theft of equipment or data'],
      [4, 'hicp.insider', 'Insider, accidental or malicious data loss'],
      [5, 'hicp.medical-devices', 'Attacks against network-connected medical devices'],
    ]);
    for (const threat of threats.threats) expect(threat.source).toBe('hicp-2023');
  });

  it('gives each threat 3 to 6 sub-threats whose ids extend the threat id', () => {
    for (const threat of threats.threats) {
      expect(threat.subThreats.length).toBeGreaterThanOrEqual(3);
      expect(threat.subThreats.length).toBeLessThanOrEqual(6);
      for (const sub of threat.subThreats) expect(sub.id.startsWith(`${threat.id}.`), sub.id).toBe(true);
    }
  });

  it('uses every id once across threats, sub-threats and threat sources', () => {
    const ids = [...threats.threats.map((t) => t.id), ...threats.threats.flatMap((t) => t.subThreats.map((s) => s.id)), ...threats.threatSources.map((s) => s.id)];
    expect(repeated(ids)).toEqual([]);
  });

  it('refers only to vulnerabilities and threat sources that exist', () => {
    for (const sub of threats.threats.flatMap((t) => t.subThreats)) {
      for (const id of sub.vulnerabilities) expect(vulnerabilityIds.has(id), `${sub.id} → ${id}`).toBe(true);
      for (const id of sub.typicalSources) expect(sourceIds.has(id), `${sub.id} → ${id}`).toBe(true);
      expect(repeated(sub.vulnerabilities), sub.id).toEqual([]);
      expect(repeated(sub.dimensions), sub.id).toEqual([]);
    }
  });

  it('has threat sources of every NIST SP 800-30 type, with the brief’s examples', () => {
    for (const type of THREAT_SOURCE_TYPES) expect(threats.threatSources.some((s) => s.type === type), type).toBe(true);
    const titles = threats.threatSources.map((s) => `${s.type}:${s.title}`);
    for (const expected of ['adversarial:Outsider', 'adversarial:Insider', 'adversarial:Trusted partner or supplier', 'adversarial:Nation-state', 'accidental:User error', 'accidental:Privileged user error', 'structural:Equipment failure', 'structural:Software failure', 'structural:Environmental controls failure', 'environmental:Natural disaster', 'environmental:Utility or infrastructure outage', 'environmental:Pandemic']) {
      expect(titles).toContain(expected);
    }
    for (const source of threats.threatSources) expect(source.id.startsWith(`source.${source.type}.`), source.id).toBe(true);
  });

  it('cites a listed source for every threat and threat source', () => {
    const cited = new Set(threats.sources.map((s) => s.id));
    for (const entry of [...threats.threats, ...threats.threatSources]) expect(cited.has(entry.source), entry.id).toBe(true);
    expect([...cited]).toEqual(expect.arrayContaining(['hicp-2023', 'nist-sp-800-30r1']));
  });
});

describe('catalog/risk/vulnerabilities.json', () => {
  it('uses every id once', () => {
    expect(repeated(vulnerabilities.vulnerabilities.map((v) => v.id))).toEqual([]);
    expect(vulnerabilities.vulnerabilities.length).toBeGreaterThanOrEqual(30);
  });

  it('maps each asset gap rule at most once, and only to rules that exist', () => {
    const mapped = vulnerabilities.vulnerabilities.flatMap((v) => (v.gapRule ? [v.gapRule] : []));
    for (const rule of mapped) expect(GAP_RULES as readonly string[]).toContain(rule);
    expect(repeated(mapped)).toEqual([]);
  });

  it('lists the brief’s common healthcare weaknesses', () => {
    for (const id of ['vuln.medical-device-unsupported', 'vuln.flat-network', 'vuln.shared-workstation-logins', 'vuln.no-mfa-remote-access', 'vuln.portable-device-unencrypted', 'vuln.missing-baa', 'vuln.untested-backups', 'vuln.phishing-susceptible-staff', 'vuln.excessive-privileges', 'vuln.unpatched-systems']) {
      expect(vulnerabilityIds.has(id), id).toBe(true);
    }
  });
});

describe('catalog/risk/default-method.json', () => {
  it('is a valid method with a format and version', () => {
    expect(defaultMethodFile.format).toBe('custos-risk-method/1');
    expect(defaultMethodFile.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ZRiskMethod.safeParse(defaultMethodFile.method).success).toBe(true);
  });
});
