/**
 * `mamori scan` through run(), against a real vulnerability database file built with the importer,
 * and once through the reader seam with the in-memory reader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { parseOsvRecord } from '../../core/vulns/advisory.js';
import { openVulnDb } from '../../vulndb/database.js';
import { importPath } from '../../vulndb/import.js';
import { memoryVulnDb } from '../../vulndb/memory-reader.js';
import { CliFailure } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { component, type Component, type SbomDocument } from '../../core/sbom/model.js';
import { registerScan, scanComponents } from './scan.js';

interface ScanJson {
  findings: {
    component: { bomRef: string; purl: string | null; name: string; version: string | null };
    vulnerability: { id: string; aliases: string[] };
    severity: string;
    fixedVersions: string[];
    kev: { dateAdded: string; dueDate: string } | null;
    evidence: Record<string, unknown>[];
  }[];
  unevaluated: { component: { bomRef: string }; reason: string }[];
  summary: Record<string, unknown>;
}

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; properties: Record<string, string>; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
      partialFingerprints: Record<string, string>;
    }[];
    properties: { unevaluated: unknown[] };
    originalUriBaseIds?: Record<string, { uri: string }>;
    automationDetails: { id: string };
  }[];
}

const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N';

const osvRecords = [
  {
    id: 'GHSA-35jh-r3h4-6jhm',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['CVE-2021-23337'],
    summary: 'Command injection in lodash',
    severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }],
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
  },
  {
    id: 'PYSEC-2023-1',
    modified: '2024-01-01T00:00:00Z',
    summary: 'Medium issue in requests',
    severity: [{ type: 'CVSS_V3', score: V31_MEDIUM }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { fixed: '2.31.0' }] }] }],
  },
  // Go advisories carry no CVSS and no severity word: findings of unknown severity.
  {
    id: 'GO-2024-0001',
    modified: '2024-01-01T00:00:00Z',
    summary: 'Issue in example.com/mod',
    affected: [{ package: { ecosystem: 'Go', name: 'example.com/mod' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }] }],
  },
  // A known malicious package (conformance/advisories/leitwacht-npm-malicious.jsonl.gz): no CVSS, a MAL- alias.
  {
    id: 'LWA-2026-0053',
    modified: '2026-06-28T06:27:52Z',
    aliases: ['MAL-2026-4496'],
    summary: 'Malicious code in bandkit (npm)',
    affected: [{ package: { ecosystem: 'npm', name: 'bandkit', purl: 'pkg:npm/bandkit' }, versions: ['1.0.7'] }],
  },
];

const nvdPage = {
  resultsPerPage: 1,
  startIndex: 0,
  totalResults: 1,
  format: 'NVD_CVE',
  version: '2.0',
  timestamp: '2024-01-01T00:00:00.000',
  vulnerabilities: [
    {
      cve: {
        id: 'CVE-2022-1000',
        published: '2022-01-01T00:00:00.000',
        lastModified: '2022-01-02T00:00:00.000',
        vulnStatus: 'Analyzed',
        descriptions: [{ lang: 'en', value: 'Overflow in ACME RTOS' }],
        metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: V31_CRITICAL, baseScore: 9.8, baseSeverity: 'CRITICAL' } }] },
        configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', versionEndExcluding: '2.4.1', matchCriteriaId: '00000000-0000-0000-0000-000000000001' }] }] }],
        references: [],
      },
    },
  ],
};

const kevCatalog = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2024.01.01',
  dateReleased: '2024-01-01T00:00:00.000Z',
  count: 1,
  vulnerabilities: [
    { cveID: 'CVE-2021-23337', vendorProject: 'lodash', product: 'lodash', vulnerabilityName: 'Lodash command injection', dateAdded: '2024-01-01', shortDescription: 'x', requiredAction: 'Apply updates', dueDate: '2024-01-22', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [] },
  ],
};

function bom(components: unknown[]) {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'Infusion pump' } }, components });
}

const components = [
  { type: 'library', 'bom-ref': 'lodash', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
  { type: 'library', 'bom-ref': 'requests', name: 'requests', version: '2.28.0', purl: 'pkg:pypi/requests@2.28.0' },
  { type: 'library', 'bom-ref': 'express', name: 'express', version: '4.19.2', purl: 'pkg:npm/express@4.19.2' },
  {
    type: 'operating-system',
    'bom-ref': 'rtos',
    name: 'ACME RTOS',
    version: '2.3',
    cpe: 'cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*',
    components: [{ type: 'firmware', 'bom-ref': 'bootloader', name: 'bootloader', version: '1.0' }],
  },
];

describe('scanComponents', () => {
  const doc = (primary: Component | null, list: Component[]): SbomDocument => ({
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    metadata: { serialNumber: null, version: 1, timestamp: null, name: null, authors: [], supplier: null, tools: [], lifecycles: [], component: primary, licenses: [], properties: [], externalReferences: [] },
    components: list,
    dependencies: [],
  });
  it('puts the primary component and its nested components first, once per bom-ref', () => {
    const nested = component({ bomRef: 'fw', name: 'firmware' });
    const app = component({ bomRef: 'app', name: 'app', components: [nested] });
    const lib = component({ bomRef: 'lib', name: 'lib' });
    expect(scanComponents(doc(app, [lib])).map((c) => c.bomRef)).toEqual(['app', 'fw', 'lib']);
    // A producer that also lists the primary component (or one of its parts) among the components.
    expect(scanComponents(doc(app, [component({ bomRef: 'app', name: 'app' }), lib, component({ bomRef: 'fw', name: 'firmware' })])).map((c) => c.bomRef)).toEqual(['app', 'lib', 'fw']);
    expect(scanComponents(doc(null, [lib])).map((c) => c.bomRef)).toEqual(['lib']);
    expect(scanComponents(doc(null, []))).toEqual([]);
  });
});

describe('mamori scan', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-scan-cli-'));
    writeFileSync(file('osv.jsonl'), osvRecords.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(file('nvd.json'), JSON.stringify(nvdPage));
    writeFileSync(file('kev.json'), JSON.stringify(kevCatalog));
    writeFileSync(file('bom.json'), bom(components));
    writeFileSync(file('clean.json'), bom([components[2]]));
    writeFileSync(file('cpe-gate.json'), bom([components[2], components[3]]));
    writeFileSync(
      file('purl-and-cpe.json'),
      bom([{ type: 'library', 'bom-ref': 'sdk', name: 'acme-rtos-sdk', version: '2.3.0', purl: 'pkg:npm/acme-rtos-sdk@2.3.0', cpe: 'cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*' }]),
    );
    writeFileSync(file('medium.json'), bom([components[1]]));
    writeFileSync(file('unknown.json'), bom([{ type: 'library', 'bom-ref': 'mod', name: 'example.com/mod', version: 'v1.1.0', purl: 'pkg:golang/example.com/mod@v1.1.0' }]));
    writeFileSync(file('malicious.json'), bom([{ type: 'library', 'bom-ref': 'bandkit', name: 'bandkit', version: '1.0.7', purl: 'pkg:npm/bandkit@1.0.7' }]));
    // Ecosystems the database holds no advisories for (it holds npm, PyPI and Go).
    writeFileSync(
      file('not-in-db.json'),
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        components: [
          { type: 'library', 'bom-ref': 'log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
          { type: 'library', 'bom-ref': 'guava', group: 'com.google.guava', name: 'guava', version: '31.0', purl: 'pkg:maven/com.google.guava/guava@31.0' },
          { type: 'library', 'bom-ref': 'openssl', name: 'openssl', version: '1:1.1.1n-0+deb11u4', purl: 'pkg:deb/debian/openssl@1:1.1.1n-0+deb11u4?distro=debian-11' },
          { type: 'library', 'bom-ref': 'express', name: 'express', version: '4.19.2', purl: 'pkg:npm/express@4.19.2' },
        ],
      }),
    );
    // Only a primary component (CycloneDX metadata.component).
    writeFileSync(
      file('primary.json'),
      JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'requests', version: '2.28.0', purl: 'pkg:pypi/requests@2.28.0' } } }),
    );
    writeFileSync(file('no-components.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 }));
    // SPDX 2.3: the described package becomes the primary component when the document holds others.
    writeFileSync(
      file('described.spdx.json'),
      JSON.stringify({
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: 'device',
        documentNamespace: 'https://example.com/spdx/device-1',
        creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: test'] },
        documentDescribes: ['SPDXRef-requests'],
        packages: [
          { SPDXID: 'SPDXRef-requests', name: 'requests', versionInfo: '2.28.0', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/requests@2.28.0' }] },
          { SPDXID: 'SPDXRef-express', name: 'express', versionInfo: '4.19.2', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/express@4.19.2' }] },
        ],
        relationships: [{ spdxElementId: 'SPDXRef-requests', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-express' }],
      }),
    );
    writeFileSync(file('notes.txt'), 'not an SBOM');
    writeFileSync(
      file('bom.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
    <component type="library" bom-ref="lodash"><name>lodash</name><version>4.17.20</version><purl>pkg:npm/lodash@4.17.20</purl></component>
    <component type="library" bom-ref="express"><name>express</name><version>4.19.2</version><purl>pkg:npm/express@4.19.2</purl></component>
  </components>
</bom>
`,
    );
    writeFileSync(file('doctype.xml'), '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x "y">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"/>\n');
    const db = openVulnDb(file('vulndb.sqlite'));
    const imported: Record<string, number> = {};
    for (const f of ['osv.jsonl', 'nvd.json', 'kev.json']) {
      const report = await importPath(db, file(f));
      imported[f] = report.counts.imported;
      expect(report.counts.skipped).toBe(0);
    }
    expect(imported).toEqual({ 'osv.jsonl': 4, 'nvd.json': 1, 'kev.json': 1 });
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opts = () => ({ cwd: dir, env: {} });

  it('--format json prints findings, unevaluated components and a summary; every component appears', async () => {
    const r = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json'], opts());
    expect(r.stderr).toContain('Scanned 6 component(s)');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ScanJson;
    expect(Object.keys(out)).toEqual(['findings', 'unevaluated', 'summary']);
    // The RTOS (CPE only) is matched by its CPE by default, as the server does (QA secops 2).
    expect(out.findings.map((f) => [f.component.bomRef, f.vulnerability.id, f.severity])).toEqual([
      ['lodash', 'CVE-2021-23337', 'critical'],
      ['requests', 'PYSEC-2023-1', 'medium'],
      ['rtos', 'CVE-2022-1000', 'critical'],
    ]);
    // The counts CI reads without counting the lists (QA secops 18).
    expect(out.summary).toEqual({
      components: 6,
      evaluated: 4,
      notEvaluated: 2,
      notEvaluatedByReason: { 'no-identifier': 2 },
      findings: 3,
      findingsBySeverity: { critical: 2, high: 0, medium: 1, low: 0, none: 0, unknown: 0 },
      findingsInKev: 1,
      cpeMatching: 'without_purl',
    });
    const lodash = out.findings[0]!;
    expect(lodash.component).toEqual({ bomRef: 'lodash', purl: 'pkg:npm/lodash@4.17.20', name: 'lodash', version: '4.17.20' });
    expect(lodash.vulnerability.aliases).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(lodash.fixedVersions).toEqual(['4.17.21']);
    expect(lodash.kev).toMatchObject({ dateAdded: '2024-01-01', dueDate: '2024-01-22' });
    expect(lodash.evidence[0]).toMatchObject({ method: 'osv-purl', recordId: 'GHSA-35jh-r3h4-6jhm', rule: 'range', scheme: 'semver' });
    // The device (the primary component, metadata.component) and the bootloader have no identifier.
    expect(out.unevaluated.map((u) => [u.component.bomRef, u.reason])).toEqual([
      ['device', 'no-identifier'],
      ['bootloader', 'no-identifier'],
    ]);
    // With CPE matching off the RTOS is listed with the reason.
    for (const off of [['--no-cpe'], ['--cpe-matching', 'off']]) {
      const r2 = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json', ...off], opts());
      const out2 = JSON.parse(r2.stdout) as ScanJson;
      expect(out2.findings.map((f) => f.component.bomRef), off.join(' ')).toEqual(['lodash', 'requests']);
      expect(out2.unevaluated.map((u) => [u.component.bomRef, u.reason])).toEqual([
        ['device', 'no-identifier'],
        ['rtos', 'cpe-matching-off'],
        ['bootloader', 'no-identifier'],
      ]);
      expect(out2.summary).toMatchObject({ evaluated: 3, notEvaluated: 3, notEvaluatedByReason: { 'no-identifier': 2, 'cpe-matching-off': 1 }, cpeMatching: 'off' });
    }
  });

  it('reads CycloneDX XML (its reader is loaded only then) and refuses XML with a DOCTYPE', async () => {
    const r = await runCli(['scan', 'bom.xml', '--vuln-db', 'vulndb.sqlite', '--format', 'json'], opts());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ScanJson;
    expect(out.findings.map((f) => [f.component.bomRef, f.vulnerability.id])).toEqual([['lodash', 'CVE-2021-23337']]);
    expect(r.stderr).toContain('Scanned 2 component(s): 2 evaluated');
    const refused = await runCli(['scan', 'doctype.xml', '--vuln-db', 'vulndb.sqlite'], opts());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('DOCTYPE and ENTITY declarations are not accepted');
  });

  it('says that nothing was compared when no component could be evaluated', async () => {
    writeFileSync(file('cpe-only.json'), bom([{ type: 'operating-system', 'bom-ref': 'os', name: 'rtos', version: '1.0', cpe: 'cpe:2.3:o:example:rtos:1.0:*:*:*:*:*:*:*' }]));
    const r = await runCli(['scan', 'cpe-only.json', '--vuln-db', 'vulndb.sqlite', '--no-cpe'], opts());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Nothing was compared: no component could be evaluated \(see the list below\)\.\n/);
    expect(r.stdout).not.toContain('No vulnerabilities found');
    expect(r.stdout).toMatch(/rtos\s+1\.0\s+cpe-matching-off/);
  });

  it('matches components without a usable purl against NVD configurations by default, as the server does, with a confidence and an explanation (QA secops 2)', async () => {
    const runs = [[], ['--cpe'], ['--cpe-matching', 'without_purl']].map((extra) => runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json', ...extra], opts()));
    const [byDefault, ...named] = await Promise.all(runs);
    // --cpe, the old switch, names the default.
    for (const r of named) expect(r.stdout).toBe(byDefault!.stdout);
    const out = JSON.parse(byDefault!.stdout) as ScanJson;
    const rtos = out.findings.find((f) => f.component.bomRef === 'rtos')!;
    expect(rtos.vulnerability.id).toBe('CVE-2022-1000');
    expect(rtos.severity).toBe('critical');
    expect(rtos.evidence[0]).toMatchObject({ method: 'nvd-cpe', rule: 'cpe-range', fallback: true, confidence: 0.7 });
    expect(String(rtos.evidence[0]!['explanation'])).not.toBe('');
    expect(out.unevaluated.map((u) => u.component.bomRef)).toEqual(['device', 'bootloader']);
    // The documented gate example fails on a finding only a CPE makes (here a critical one).
    const gate = await runCli(['scan', 'cpe-gate.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'critical'], opts());
    expect([gate.code, gate.stderr]).toEqual([1, expect.stringContaining('Gate failed: 1 finding(s) of severity critical or higher')]);
    expect((await runCli(['scan', 'cpe-gate.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'critical', '--no-cpe'], opts())).code).toBe(0);
  });

  it('--cpe-matching all also matches a component with a usable purl by its CPE; the default never does; --cpe and --cpe-matching must agree', async () => {
    const scan = async (...extra: string[]) => JSON.parse((await runCli(['scan', 'purl-and-cpe.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json', ...extra], opts())).stdout) as ScanJson;
    expect((await scan()).findings).toEqual([]);
    const all = await scan('--cpe-matching', 'all');
    expect(all.findings.map((f) => [f.component.bomRef, f.vulnerability.id, f.evidence[0]!['method']])).toEqual([['sdk', 'CVE-2022-1000', 'nvd-cpe']]);
    expect(all.summary['cpeMatching']).toBe('all');
    const clash = await runCli(['scan', 'purl-and-cpe.json', '--vuln-db', 'vulndb.sqlite', '--no-cpe', '--cpe-matching', 'all'], opts());
    expect([clash.code, clash.stdout, clash.stderr]).toEqual([2, '', '--no-cpe and --cpe-matching all disagree; give only --cpe-matching.\n']);
    expect((await runCli(['scan', 'purl-and-cpe.json', '--vuln-db', 'vulndb.sqlite', '--cpe-matching', 'some'], opts())).code).toBe(2);
  });

  it('table output by default, with the not-evaluated section', async () => {
    const r = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite'], opts());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^COMPONENT\s+VERSION\s+VULNERABILITY\s+SEVERITY/);
    expect(r.stdout).toMatch(/lodash\s+4\.17\.20\s+CVE-2021-23337\s+critical\s+4\.17\.21\s+yes/);
    expect(r.stdout).toMatch(/ACME RTOS\s+2\.3\s+CVE-2022-1000\s+critical\s+2\.4\.1\s+cpe \(0\.7\)/);
    expect(r.stdout).toContain('Not evaluated (2):');
    expect(r.stdout).toMatch(/Infusion pump\s+no-identifier/);
    expect(r.stdout).toMatch(/bootloader\s+1\.0\s+no-identifier/);
  });

  it('--format sarif writes SARIF 2.1.0 with rules per vulnerability and results per component', async () => {
    const r = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'sarif'], opts());
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout) as Sarif;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.name).toBe('mamori');
    expect(run.tool.driver.rules.map((x) => [x.id, x.properties['security-severity'], x.defaultConfiguration.level])).toEqual([
      ['CVE-2021-23337', '9.8', 'error'],
      ['PYSEC-2023-1', '4.2', 'warning'],
      ['CVE-2022-1000', '9.8', 'error'],
    ]);
    expect(run.results.map((x) => [x.ruleId, x.ruleIndex, x.level])).toEqual([
      ['CVE-2021-23337', 0, 'error'],
      ['PYSEC-2023-1', 1, 'warning'],
      ['CVE-2022-1000', 2, 'error'],
    ]);
    const loc = run.results[0]!.locations[0]!;
    expect(loc.physicalLocation.artifactLocation).toEqual({ uri: 'bom.json', uriBaseId: '%SRCROOT%' });
    expect(loc.logicalLocations[0]!.fullyQualifiedName).toBe('pkg:npm/lodash@4.17.20');
    expect(run.results[0]!.partialFingerprints['mamoriFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(run.results[0]!.message.text).toContain('Known exploited');
    expect(run.properties.unevaluated).toHaveLength(2);
  });

  it('--format sarif: the SBOM is a percent-encoded URI relative to the git repository root, never a path with ..', async () => {
    const repo = file('git repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'ci'), { recursive: true });
    mkdirSync(path.join(repo, 'ビルド 成果物'), { recursive: true });
    writeFileSync(path.join(repo, 'ビルド 成果物', 'SBOM 機器#1.json'), bom(components));
    const r = await runCli(['scan', '../ビルド 成果物/SBOM 機器#1.json', '--vuln-db', '../../vulndb.sqlite', '--format', 'sarif'], { cwd: path.join(repo, 'ci'), env: {} });
    expect(r.code).toBe(0);
    const run = (JSON.parse(r.stdout) as Sarif).runs[0]!;
    const uri = '%E3%83%93%E3%83%AB%E3%83%89%20%E6%88%90%E6%9E%9C%E7%89%A9/SBOM%20%E6%A9%9F%E5%99%A8%231.json';
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri, uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(repo).href}/` } });
    expect(run.automationDetails.id).toBe(`mamori-scan/${uri}/`);
    // A file outside the repository and the working folder: an absolute file: URI.
    const out2 = await runCli(['scan', path.join(dir, 'bom.json'), '--vuln-db', path.join(dir, 'vulndb.sqlite'), '--format', 'sarif'], { cwd: path.join(repo, 'ci'), env: {} });
    expect((JSON.parse(out2.stdout) as Sarif).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(path.join(dir, 'bom.json')).href });
  });

  it('the same purl at two bom-refs: table rows and SARIF results say which bom-ref each is, with different fingerprints', async () => {
    writeFileSync(
      file('dup.json'),
      bom([
        { type: 'library', 'bom-ref': 'app-lodash', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
        { type: 'library', 'bom-ref': 'tool-lodash', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
      ]),
    );
    const table = await runCli(['scan', 'dup.json', '--vuln-db', 'vulndb.sqlite'], opts());
    expect(table.stdout).toMatch(/lodash \(bom-ref app-lodash\)\s+4\.17\.20\s+CVE-2021-23337/);
    expect(table.stdout).toMatch(/lodash \(bom-ref tool-lodash\)\s+4\.17\.20\s+CVE-2021-23337/);
    const run = (JSON.parse((await runCli(['scan', 'dup.json', '--vuln-db', 'vulndb.sqlite', '--format', 'sarif'], opts())).stdout) as Sarif).runs[0]!;
    expect(run.results.map((x) => x.message.text.split(' is affected')[0])).toEqual(['lodash@4.17.20 (bom-ref app-lodash)', 'lodash@4.17.20 (bom-ref tool-lodash)']);
    expect(new Set(run.results.map((x) => x.partialFingerprints['mamoriFinding/v1'])).size).toBe(2);
    // A purl found once keeps the fingerprint it had (purl and vulnerability only) and its plain label.
    const single = (JSON.parse((await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'sarif'], opts())).stdout) as Sarif).runs[0]!.results[0]!;
    expect(single.partialFingerprints['mamoriFinding/v1']).toBe(createHash('sha256').update('pkg:npm/lodash@4.17.20\u0000CVE-2021-23337').digest('hex'));
    expect((await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite'], opts())).stdout).not.toContain('bom-ref');
  });

  it('--fail-on: exit 1 when a finding reaches the threshold or is in KEV, 0 otherwise', async () => {
    const scan = (sbom: string, level: string) => runCli(['scan', sbom, '--vuln-db', 'vulndb.sqlite', '--fail-on', level, '--format', 'json'], opts());
    const critical = await scan('bom.json', 'critical');
    expect(critical.code).toBe(1);
    // lodash by its purl, the RTOS by its CPE.
    expect(critical.stderr).toContain('Gate failed: 2 finding(s) of severity critical or higher');
    expect((await scan('bom.json', 'kev')).code).toBe(1);
    expect((await scan('medium.json', 'kev')).code).toBe(0);
    expect((await scan('medium.json', 'medium')).code).toBe(1);
    expect((await scan('medium.json', 'high')).code).toBe(0);
    expect((await scan('clean.json', 'low')).code).toBe(0);
  });

  it('--fail-on low fails on a finding of unknown severity (a Go advisory); higher gates do not', async () => {
    const scan = (level: string) => runCli(['scan', 'unknown.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', level, '--format', 'json'], opts());
    const low = await scan('low');
    const json = JSON.parse(low.stdout) as ScanJson;
    expect(json.findings.map((f) => [f.vulnerability.id, f.severity])).toEqual([['GO-2024-0001', 'unknown']]);
    expect(low.code).toBe(1);
    expect(low.stderr).toContain('Gate failed: 1 finding(s) of severity low or higher or of unknown severity (--fail-on low).');
    const codes: Record<string, number> = {};
    for (const level of ['medium', 'high', 'critical', 'kev']) codes[level] = (await scan(level)).code;
    expect(codes).toEqual({ medium: 0, high: 0, critical: 0, kev: 0 });
  });

  it('a known malicious package (MAL- alias) is critical: it fails every severity gate, and SARIF and the summary say so', async () => {
    const scan = (level: string, format = 'json') => runCli(['scan', 'malicious.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', level, '--format', format], opts());
    const critical = await scan('critical');
    const json = JSON.parse(critical.stdout) as ScanJson;
    expect(json.findings.map((f) => [f.component.purl, f.vulnerability.id, f.vulnerability.aliases, f.severity])).toEqual([
      ['pkg:npm/bandkit@1.0.7', 'LWA-2026-0053', ['MAL-2026-4496'], 'critical'],
    ]);
    expect(String(json.findings[0]!.evidence[0]!['explanation'])).toContain('malicious package (MAL-2026-4496): severity critical');
    expect(critical.stderr).toContain('1 finding(s) (1 critical)');
    const codes: Record<string, number> = {};
    for (const level of ['low', 'medium', 'high', 'critical', 'kev']) codes[level] = level === 'critical' ? critical.code : (await scan(level)).code;
    expect(codes).toEqual({ low: 1, medium: 1, high: 1, critical: 1, kev: 0 });
    const sarif = JSON.parse((await scan('kev', 'sarif')).stdout) as Sarif;
    expect(sarif.runs[0]!.results.map((x) => x.level)).toEqual(['error']);
    expect(sarif.runs[0]!.tool.driver.rules[0]!.properties['security-severity']).toBe('9.5');
  });

  it('does not call components clean when the database holds no advisories of their ecosystem: listed, named in the summary, not failing the gate (QA PSIRT M2)', async () => {
    const scan = (format: string) => runCli(['scan', 'not-in-db.json', '--vuln-db', 'vulndb.sqlite', '--format', format, '--fail-on', 'low'], opts());
    const json = await scan('json');
    // Like every component not evaluated, they never fail the gate: there is no finding.
    expect(json.code).toBe(0);
    expect(json.stderr).toContain(
      'Scanned 4 component(s): 1 evaluated, 3 not evaluated (3 of them in ecosystems the vulnerability database holds no advisories for: Maven, Debian); 0 finding(s).',
    );
    expect(json.stderr).toContain('Warning: nothing was compared for 2 Maven component(s), 1 Debian component(s)');
    const out = JSON.parse(json.stdout) as ScanJson & { unevaluated: { detail: string }[] };
    // The documented shape, with the new reason.
    expect(Object.keys(out)).toEqual(['findings', 'unevaluated', 'summary']);
    expect(out.summary).toMatchObject({ components: 4, evaluated: 1, notEvaluated: 3, notEvaluatedByReason: { 'ecosystem-not-in-database': 3 }, findings: 0 });
    expect(out.findings).toEqual([]);
    expect(out.unevaluated.map((u) => [u.component.bomRef, u.reason])).toEqual([
      ['log4j', 'ecosystem-not-in-database'],
      ['guava', 'ecosystem-not-in-database'],
      ['openssl', 'ecosystem-not-in-database'],
    ]);
    expect(Object.keys(out.unevaluated[0]!)).toEqual(['component', 'reason', 'detail']);
    expect(out.unevaluated[2]!.detail).toContain('holds no advisories for the Debian ecosystem');
    const table = await scan('table');
    expect(table.stdout).toContain('Not evaluated (3):');
    // One of four compared: "no vulnerabilities" is said of that one only.
    expect(table.stdout).toMatch(/^No vulnerabilities found in the 1 evaluated component; 3 could not be evaluated \(below\)\.\n/);
    expect(table.stdout).toMatch(/log4j-core\s+2\.14\.1\s+ecosystem-not-in-database/);
    const sarif = JSON.parse((await scan('sarif')).stdout) as Sarif;
    expect(sarif.runs[0]!.results).toEqual([]);
    expect((sarif.runs[0]!.properties.unevaluated as { reason: string }[]).map((u) => u.reason)).toEqual(['ecosystem-not-in-database', 'ecosystem-not-in-database', 'ecosystem-not-in-database']);
    // A scan whose components the database covers says nothing of the kind.
    expect((await runCli(['scan', 'clean.json', '--vuln-db', 'vulndb.sqlite'], opts())).stderr).not.toContain('no advisories');
  });

  it('--fail-on fails a scan that evaluated no component: the gate checked nothing (QA secops 18)', async () => {
    writeFileSync(
      file('maven-only.json'),
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        components: [
          { type: 'library', 'bom-ref': 'log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
          { type: 'library', 'bom-ref': 'guava', group: 'com.google.guava', name: 'guava', version: '31.0', purl: 'pkg:maven/com.google.guava/guava@31.0' },
          { type: 'firmware', 'bom-ref': 'fw', name: 'pump-fw', version: '1.0' },
        ],
      }),
    );
    const gated = await runCli(['scan', 'maven-only.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'high', '--format', 'json'], opts());
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain('Scanned 3 component(s): 0 evaluated, 3 not evaluated');
    expect(gated.stderr).toContain(
      'Gate failed: none of the 3 component(s) could be evaluated (2 ecosystem-not-in-database, 1 no-identifier), so --fail-on high checked nothing. Make them evaluable (see the not-evaluated list), or leave out --fail-on.\n',
    );
    const out = JSON.parse(gated.stdout) as ScanJson;
    expect(out.findings).toEqual([]);
    expect(out.summary).toEqual({
      components: 3,
      evaluated: 0,
      notEvaluated: 3,
      notEvaluatedByReason: { 'ecosystem-not-in-database': 2, 'no-identifier': 1 },
      findings: 0,
      findingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 },
      findingsInKev: 0,
      cpeMatching: 'without_purl',
    });
    expect((await runCli(['scan', 'maven-only.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'kev'], opts())).code).toBe(1);
    // Without a gate the scan reports, exit 0; one evaluated component is enough for the gate to speak.
    const report = await runCli(['scan', 'maven-only.json', '--vuln-db', 'vulndb.sqlite'], opts());
    expect([report.code, report.stderr]).toEqual([0, expect.not.stringContaining('Gate failed')]);
    expect((await runCli(['scan', 'not-in-db.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'high'], opts())).code).toBe(0);
  });

  it('table: a short detail on each row of an ecosystem the database holds nothing of, and the advice once (QA secops 21)', async () => {
    const r = await runCli(['scan', 'not-in-db.json', '--vuln-db', 'vulndb.sqlite'], opts());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/log4j-core\s+2\.14\.1\s+ecosystem-not-in-database\s+no Maven advisories in the database \(see below\)\n/);
    expect(r.stdout).toMatch(/guava\s+31\.0\s+ecosystem-not-in-database\s+no Maven advisories in the database \(see below\)\n/);
    expect(r.stdout).toMatch(/openssl\s+\S+\s+ecosystem-not-in-database\s+no Debian advisories in the database \(see below\)\n/);
    const count = (text: string) => r.stdout.split(text).length - 1;
    expect(count('the vulnerability database holds no advisories for the Maven ecosystem')).toBe(1);
    expect(count('`mamori feeds sync --source osv --ecosystem Maven`')).toBe(1);
    expect(count('`mamori feeds sync --source osv --ecosystem Debian`')).toBe(1);
    expect(r.stdout).toContain('\nMaven (2 component(s) above): the vulnerability database holds no advisories for the Maven ecosystem, so nothing was compared');
    // JSON keeps the full detail on each component.
    const json = JSON.parse((await runCli(['scan', 'not-in-db.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json'], opts())).stdout) as { unevaluated: { detail: string }[] };
    expect(json.unevaluated[0]!.detail).toContain('mamori feeds sync --source osv --ecosystem Maven');
  });

  it('scans the primary component (CycloneDX metadata.component, SPDX described package), and warns when there is no component', async () => {
    const scan = (sbom: string) => runCli(['scan', sbom, '--vuln-db', 'vulndb.sqlite', '--format', 'json', '--fail-on', 'medium'], opts());
    const primary = await scan('primary.json');
    expect(primary.code).toBe(1);
    expect(primary.stderr).toContain('Scanned 1 component(s): 1 evaluated');
    expect((JSON.parse(primary.stdout) as ScanJson).findings.map((f) => [f.component.bomRef, f.vulnerability.id])).toEqual([['app', 'PYSEC-2023-1']]);
    const spdx = await scan('described.spdx.json');
    expect(spdx.code).toBe(1);
    expect(spdx.stderr).toContain('Scanned 2 component(s): 2 evaluated');
    expect((JSON.parse(spdx.stdout) as ScanJson).findings.map((f) => [f.component.bomRef, f.vulnerability.id])).toEqual([['SPDXRef-requests', 'PYSEC-2023-1']]);
    // Nothing scanned: the gate checked nothing, and fails (QA secops 18).
    const none = await scan('no-components.json');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Scanned 0 component(s)');
    expect(none.stderr).toContain('the SBOM lists no components; nothing was scanned');
    expect(none.stderr).toContain('Gate failed: the SBOM lists no components, so --fail-on medium checked nothing.');
    expect((await runCli(['scan', 'no-components.json', '--vuln-db', 'vulndb.sqlite'], opts())).code).toBe(0);
    expect(primary.stderr).not.toContain('nothing was scanned');
  });

  it('exit 2 with a clear message: missing database, unreadable or unsupported SBOM, bad option', async () => {
    const missing = await runCli(['scan', 'bom.json', '--vuln-db', 'nowhere.sqlite'], opts());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No vulnerability database at');
    expect(missing.stderr).toContain('mamori feeds import');
    const dataDir = await runCli(['scan', 'bom.json', '--data-dir', 'empty'], opts());
    expect(dataDir.code).toBe(2);
    expect(dataDir.stderr).toContain(path.join(dir, 'empty', 'vulndb.sqlite'));
    const env = await runCli(['scan', 'bom.json', '--format', 'json'], { cwd: dir, env: { MAMORI_VULNDB: 'vulndb.sqlite' } });
    expect(env.code).toBe(0);
    expect((JSON.parse(env.stdout) as ScanJson).findings).toHaveLength(3);
    const notes = await runCli(['scan', 'notes.txt', '--vuln-db', 'vulndb.sqlite'], opts());
    expect(notes.code).toBe(2);
    // The file is named once, as given.
    expect(notes.stderr).toMatch(/^notes\.txt: unsupported document: /m);
    expect(notes.stderr).not.toContain('notes.txt: notes.txt');
    // A file that is not the vulnerability database (here the SBOM itself) is a usage error, not an internal one.
    const wrongDb = await runCli(['scan', 'bom.json', '--vuln-db', 'bom.json'], opts());
    expect(wrongDb.code).toBe(2);
    expect(wrongDb.stderr).toMatch(/Cannot use the vulnerability database: .*bom\.json is not a mamori vulnerability database \(not an SQLite database/);
    expect((await runCli(['scan', 'absent.json', '--vuln-db', 'vulndb.sqlite'], opts())).code).toBe(2);
    expect((await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--fail-on', 'severe'], opts())).code).toBe(2);
    expect((await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'xml'], opts())).code).toBe(2);
  });

  it('still takes --db, the old name of --vuln-db, with one deprecation line on stderr', async () => {
    const current = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json'], opts());
    const old = await runCli(['scan', 'bom.json', '--db', 'vulndb.sqlite', '--format', 'json'], opts());
    expect(old.code).toBe(current.code);
    expect(old.stdout).toBe(current.stdout);
    expect(old.stderr).toBe(`Warning: "mamori scan --db" is deprecated; use --vuln-db (the old name will be removed in a later version).\n${current.stderr}`);
    // The gate reads the same database through the old name.
    expect((await runCli(['scan', 'bom.json', '--db', 'vulndb.sqlite', '--fail-on', 'low'], opts())).code).toBe(1);
    const both = await runCli(['scan', 'bom.json', '--db', 'vulndb.sqlite', '--vuln-db', 'vulndb.sqlite'], opts());
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/--db is the old name of --vuln-db; give only --vuln-db/)]);
  });

  it('reads through the reader seam (in-memory reader)', async () => {
    const advisory = parseOsvRecord(osvRecords[1]);
    if (!advisory.ok) throw new Error(advisory.reason);
    let out = '';
    const io: CliIo = { stdout: (t) => (out += t), stderr: () => {}, env: {}, cwd: dir, readStdin: async () => '', fetch: globalThis.fetch, takeStop: () => new AbortController().signal };
    const program = new Command().exitOverride();
    let opened = '';
    registerScan(program, io, () => ({}), {
      openReader: (f) => {
        opened = f;
        return memoryVulnDb({ advisories: [advisory.advisory] });
      },
    });
    let code = 0;
    try {
      await program.parseAsync(['scan', 'medium.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json', '--fail-on', 'medium'], { from: 'user' });
    } catch (e) {
      if (!(e instanceof CliFailure)) throw e;
      code = e.exitCode;
    }
    expect(opened).toBe(file('vulndb.sqlite'));
    expect(code).toBe(1);
    expect((JSON.parse(out) as { findings: { vulnerability: { id: string } }[] }).findings.map((f) => f.vulnerability.id)).toEqual(['PYSEC-2023-1']);
  });
});

describe('mamori sbom generate → scan: distribution packages and the Go standard library (QA CI H1–H3)', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const record = (id: string, ecosystem: string, name: string, fixed: string, type = 'ECOSYSTEM') => ({
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `${name} issue`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type, events: [{ introduced: '0' }, { fixed }] }] }],
  });
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-scan-deb-'));
    const write = (name: string, text: string) => {
      mkdirSync(path.dirname(file(name)), { recursive: true });
      writeFileSync(file(name), text);
    };
    write(
      'advisories.jsonl',
      [
        record('DSA-9999-1', 'Debian:12', 'bash', '5.2.15-2+b99'),
        record('UBUNTU-CVE-2099-0002', 'Ubuntu:22.04:LTS', 'bash', '5.1-6ubuntu1.2'),
        record('DSA-9998-1', 'Debian:12', 'glibc', '2.36-9+deb12u7'),
        record('GO-2023-1987', 'Go', 'stdlib', '1.21.1', 'SEMVER'),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    write('ubuntu/etc/os-release', 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n');
    write('ubuntu/var/lib/dpkg/status', 'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.1-6ubuntu1.1\n');
    write('debian/etc/os-release', 'ID=debian\nVERSION_ID="12"\n');
    write('debian/var/lib/dpkg/status', 'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\n');
    write('gomod/go.mod', 'module example.com/pump\n\ngo 1.19\n\ntoolchain go1.21.0\n');
    // An SBOM from before the upstream qualifier: the source package only as mamori's properties.
    write(
      'old.cdx.json',
      bom([
        {
          type: 'library',
          'bom-ref': 'libc6',
          name: 'libc6',
          version: '2.36-9+deb12u4',
          purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12',
          properties: [
            { name: 'mamori:lockfile:source-package', value: 'glibc' },
            { name: 'mamori:lockfile:source-version', value: '2.36-9+deb12u4' },
          ],
        },
      ]),
    );
    const db = openVulnDb(file('vulndb.sqlite'));
    expect((await importPath(db, file('advisories.jsonl'))).counts.imported).toBe(4);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opts = () => ({ cwd: dir, env: {} });
  const scanOf = async (sbom: string) => {
    const r = await runCli(['scan', sbom, '--vuln-db', 'vulndb.sqlite', '--format', 'json'], opts());
    return JSON.parse(r.stdout) as ScanJson;
  };
  const generate = async (from: string, out: string) => {
    const r = await runCli(['sbom', 'generate', from, '--out', out], opts());
    expect(r.code).toBe(0);
    return (JSON.parse(readFileSync(file(out), 'utf8')) as { components: { purl: string }[] }).components.map((c) => c.purl);
  };

  it('an Ubuntu image gets pkg:deb/ubuntu purls and is checked against Ubuntu advisories only (H1)', async () => {
    expect(await generate('ubuntu', 'ubuntu.cdx.json')).toEqual(['pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=ubuntu-22.04']);
    const r = await scanOf('ubuntu.cdx.json');
    expect(r.findings.map((f) => [f.vulnerability.id, f.evidence[0]!['ecosystem']])).toEqual([['UBUNTU-CVE-2099-0002', 'Ubuntu:22.04:LTS']]);
  });

  it('a Debian binary package is matched by its source package: the generated upstream qualifier, or the properties of an older SBOM (H2)', async () => {
    expect(await generate('debian', 'debian.cdx.json')).toEqual(['pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc']);
    for (const sbom of ['debian.cdx.json', 'old.cdx.json']) {
      const r = await scanOf(sbom);
      expect(r.findings.map((f) => [f.component.name, f.vulnerability.id, f.evidence[0]!['package']])).toEqual([['libc6', 'DSA-9998-1', 'glibc']]);
      expect(String(r.findings[0]!.evidence[0]!['explanation'])).toContain('built from the source package glibc');
    }
  });

  it('the Go standard library of a go.mod is scanned, not rejected as an invalid purl (H3)', async () => {
    expect(await generate('gomod', 'go.cdx.json')).toEqual(['pkg:golang/stdlib@1.21.0']);
    const r = await scanOf('go.cdx.json');
    // Only the module itself (the primary component, no purl) is left unevaluated.
    expect(r.unevaluated.map((u) => u.reason)).toEqual(['no-identifier']);
    expect(r.findings.map((f) => [f.component.purl, f.vulnerability.id])).toEqual([['pkg:golang/stdlib@1.21.0', 'GO-2023-1987']]);
  });
});
