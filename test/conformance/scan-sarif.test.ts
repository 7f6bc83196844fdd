/**
 * `toSarif` output against the official SARIF 2.1.0 JSON schema (OASIS, errata01;
 * ../shared/conformance/formats/sarif/schema). The schema is draft-04; its only draft-04 keyword ajv 8
 * does not read is `id`, renamed to `$id` here. Also the GitHub code scanning rules the schema does
 * not express: a `ruleId` on every result that names a rule, one location each, a
 * `security-severity` that parses as a number.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseOsvRecord } from '../../src/core/vulns/advisory.js';
import { parseNvdCve } from '../../src/feeds/parse/nvd-cve.js';
import { memoryVulnDb } from '../../src/vulndb/memory-reader.js';
import { matchComponents } from '../../src/vulns/match.js';
import { toSarif } from '../../src/vulns/sarif.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaFile = path.resolve(repoRoot, '..', 'shared', 'conformance', 'formats', 'sarif', 'schema', 'sarif-schema-2.1.0.json');
const present = existsSync(schemaFile);
const inCi = process.env.CI === 'true';

interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; properties: Record<string, string> }[] } }; results: { ruleId: string; ruleIndex: number; locations: unknown[] }[] }[];
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
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    schema['$id'] = schema['id'];
    delete schema['id'];
    delete schema['$schema'];
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);

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
      sbomUri: 'sbom/bom.cdx.json',
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
});
