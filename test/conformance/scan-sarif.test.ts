/**
 * `toSarif` output against the official SARIF 2.1.0 JSON schema (OASIS, errata01;
 * ../shared/conformance/formats/sarif/schema). The schema is draft-04; its only draft-04 keyword ajv 8
 * does not read is `id`, renamed to `$id` here. Also the GitHub code scanning rules the schema does
 * not express: a `ruleId` on every result that names a rule, one location each, a
 * `security-severity` that parses as a number.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseOsvRecord } from '../../src/core/vulns/advisory.js';
import { parseNvdCve } from '../../src/feeds/parse/nvd-cve.js';
import { memoryVulnDb } from '../../src/vulndb/memory-reader.js';
import { matchComponents } from '../../src/vulns/match.js';
import { sarifArtifact } from '../../src/cli/commands/scan.js';
import { toSarif } from '../../src/vulns/sarif.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaFile = path.resolve(repoRoot, '..', 'shared', 'conformance', 'formats', 'sarif', 'schema', 'sarif-schema-2.1.0.json');
const present = existsSync(schemaFile);
const inCi = process.env.CI === 'true';

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; properties: Record<string, string> }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    automationDetails: { id: string };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function compileSchema() {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  schema['$id'] = schema['id'];
  delete schema['id'];
  delete schema['$schema'];
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('SARIF output', () => {
  if (!present) {
    it('needs ../shared/conformance/formats/sarif', () => {
      if (inCi) expect.fail(`conformance data missing: ${schemaFile}`);
      console.warn(`skipping SARIF schema check: ${schemaFile} is absent`);
    });
    return;
  }

  it('is valid SARIF 2.1.0 and follows the code scanning rules', () => {
    const validate = compileSchema();

    const osv = parseOsvRecord({
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '2024-01-01T00:00:00Z',
      aliases: ['CVE-2021-23337'],
      summary: 'Command injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
    });
    const noCvss = parseOsvRecord({ id: 'PYSEC-2020-1', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'foo' }, versions: ['1.0'] }] });
    const cve = parseNvdCve({
      id: 'CVE-2022-1000',
      published: '2022-01-01T00:00:00.000',
      lastModified: '2022-01-01T00:00:00.000',
      descriptions: [{ lang: 'en', value: 'RTOS overflow' }],
      configurations: [{ nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', versionEndExcluding: '3.0' }] }] }],
    });
    if (!osv.ok || !noCvss.ok || !cve.ok) throw new Error('fixture');
    const components = [
      { key: 'a', bomRef: 'a', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', cpe: null, cpeMatching: false },
      { key: 'b', bomRef: 'b', name: 'lodash', version: '4.17.19', purl: 'pkg:npm/lodash@4.17.19', cpe: null, cpeMatching: false },
      { key: 'c', bomRef: 'c', name: 'foo', version: '1.0', purl: 'pkg:pypi/foo@1.0', cpe: null, cpeMatching: false },
      { key: 'd', bomRef: 'd', name: 'rtos', version: '2.0', purl: null, cpe: 'cpe:2.3:o:acme:rtos:2.0:*:*:*:*:*:*:*', cpeMatching: true },
      { key: 'e', bomRef: 'e', name: 'thing', version: null, purl: null, cpe: null, cpeMatching: false },
    ];
    const result = matchComponents(memoryVulnDb({ advisories: [osv.advisory, noCvss.advisory], cves: [cve.value] }), components);
    expect(result.findings).toHaveLength(4);
    const sarif = toSarif({
      findings: result.findings,
      unevaluated: result.unevaluated,
      components: new Map(components.map((c) => [c.key, { bomRef: c.bomRef, purl: c.purl, name: c.name, version: c.version }])),
      artifact: { uri: 'sbom/bom.cdx.json', uriBaseId: '%SRCROOT%', baseUri: 'file:///work/repo/' },
      toolVersion: '0.1.0',
    });
    const valid = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(valid).toBe(true);
    // The schema check bites: a level SARIF does not define is refused.
    const broken = JSON.parse(JSON.stringify(sarif)) as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'critical';
    expect(validate(broken)).toBe(false);

    const log = sarif as unknown as SarifLog;
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-2021-23337', 'PYSEC-2020-1', 'CVE-2022-1000']);
    expect(run.results).toHaveLength(4);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.locations).toHaveLength(1);
    }
    for (const rule of run.tool.driver.rules) {
      const s = rule.properties['security-severity'];
      if (s !== undefined) expect(Number.isFinite(Number(s))).toBe(true);
    }
    // Severity unknown (no CVSS, no word): no security-severity rather than a made-up one.
    expect(run.tool.driver.rules[1]!.properties['security-severity']).toBeUndefined();
  });

  it('locates an SBOM whose path has spaces, # and Japanese with a percent-encoded URI reference, relative to the repository root', () => {
    const validate = compileSchema();
    const lodash = parseOsvRecord({
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '2024-01-01T00:00:00Z',
      aliases: ['CVE-2021-23337'],
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
    });
    if (!lodash.ok) throw new Error('fixture');
    // The same lodash copied into two folders of an image (two bom-refs), and a third copy of another version.
    const components = [
      { key: 'a1', bomRef: 'a1', name: 'lodash', version: '4.17.4', purl: 'pkg:npm/lodash@4.17.4', cpe: null, cpeMatching: false },
      { key: 'a2', bomRef: 'a2', name: 'lodash', version: '4.17.4', purl: 'pkg:npm/lodash@4.17.4', cpe: null, cpeMatching: false },
      { key: 'a3', bomRef: 'a3', name: 'lodash', version: '4.17.10', purl: 'pkg:npm/lodash@4.17.10', cpe: null, cpeMatching: false },
    ];
    const result = matchComponents(memoryVulnDb({ advisories: [lodash.advisory] }), components);
    const sarifFor = (cwd: string, file: string) =>
      toSarif({
        findings: result.findings,
        unevaluated: result.unevaluated,
        components: new Map(components.map((c) => [c.key, { bomRef: c.bomRef, purl: c.purl, name: c.name, version: c.version }])),
        artifact: sarifArtifact(cwd, file),
        toolVersion: '0.1.0',
      }) as unknown as SarifLog;

    const tmp = mkdtempSync(path.join(os.tmpdir(), 'mamori-sarif-'));
    try {
      const repo = path.join(tmp, 'my repo');
      mkdirSync(path.join(repo, '.git'), { recursive: true });
      mkdirSync(path.join(repo, 'src', 'app'), { recursive: true });
      // Run from a sub-folder of the repository; the SBOM is in a sibling folder (../../ from there).
      const cwd = path.join(repo, 'src', 'app');
      const log = sarifFor(cwd, '../../ビルド 成果物/SBOM 機器#1.json');
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
      const run = log.runs[0]!;
      const location = run.results[0]!.locations[0]!.physicalLocation.artifactLocation;
      expect(location).toEqual({ uri: '%E3%83%93%E3%83%AB%E3%83%89%20%E6%88%90%E6%9E%9C%E7%89%A9/SBOM%20%E6%A9%9F%E5%99%A8%231.json', uriBaseId: '%SRCROOT%' });
      expect(decodeURIComponent(location.uri)).toBe('ビルド 成果物/SBOM 機器#1.json');
      expect(fileURLToPath(new URL(location.uri, run.originalUriBaseIds!['%SRCROOT%']!.uri))).toBe(path.join(repo, 'ビルド 成果物', 'SBOM 機器#1.json'));
      expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/my%20repo\/$/);
      expect(run.automationDetails.id).toBe(`mamori-scan/${location.uri}/`);

      // No repository: relative to the working folder.
      const plain = path.join(tmp, 'plain');
      mkdirSync(path.join(plain, 'out'), { recursive: true });
      expect(sarifArtifact(plain, 'out/a b.json')).toEqual({ uri: 'out/a%20b.json', uriBaseId: '%SRCROOT%', baseUri: `${pathToFileURL(plain).href}/` });
      // Outside the working folder (a runner's temporary folder) and stdin: an absolute file: URI, never `..`.
      const outside = sarifFor(plain, '../elsewhere/#x.json');
      expect(validate(outside), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
      const outsideUri = outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
      expect(outsideUri).toEqual({ uri: `${pathToFileURL(tmp).href}/elsewhere/%23x.json` });
      expect(fileURLToPath(outsideUri.uri)).toBe(path.join(tmp, 'elsewhere', '#x.json'));
      expect(outside.runs[0]!.originalUriBaseIds).toBeUndefined();
      expect(sarifArtifact(plain, '/dev/stdin')).toEqual({ uri: 'file:///dev/stdin' });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }

    // The two copies of lodash 4.17.4 are two results that say which bom-ref each is, with different
    // fingerprints; the copy whose purl is unique keeps the purl-only fingerprint.
    const run = sarifFor(repoRoot, 'package.json').runs[0]!;
    expect(run.results.map((r) => r.message.text.split(' is affected')[0])).toEqual(['lodash@4.17.4 (bom-ref a1)', 'lodash@4.17.4 (bom-ref a2)', 'lodash@4.17.10']);
    const prints = run.results.map((r) => r.partialFingerprints['mamoriFinding/v1']);
    expect(new Set(prints).size).toBe(3);
  });
});
