import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nvdDescription, parseNvdCveJson } from './nvd-cve.js';
import { formatsDir, readSample } from './shared-samples.test-helper.js';

describe('parseNvdCveJson on the staged NVD samples (formats/nvd, SOURCES.md §1)', () => {
  it('reads every sample of every shape with no rejects and no dropped metrics', (ctx) => {
    if (readSample('nvd/api-pages/vuln-list-update-respPage1.json', ctx) === undefined) return;
    let total = 0;
    for (const dir of ['api-pages', 'api-single', 'cve-objects', 'feed-2.0', 'fkie-index-transcribed']) {
      for (const f of readdirSync(path.join(formatsDir, 'nvd', dir)).filter((n) => n.endsWith('.json'))) {
        const r = parseNvdCveJson(readSample(`nvd/${dir}/${f}`, ctx) ?? '');
        expect(r.documentError, f).toBeUndefined();
        expect(r.rejects, f).toEqual([]);
        expect(r.records.flatMap((c) => c.issues), f).toEqual([]);
        total += r.records.length;
      }
    }
    expect(total).toBe(486);
  });

  it('reads a raw API page: envelope, statuses incl. Rejected, v2 metrics (pablotron 1999 page)', (ctx) => {
    const text = readSample('nvd/api-pages/pablotron-cves-1999-page.json', ctx);
    if (text === undefined) return;
    const r = parseNvdCveJson(text);
    expect(r.meta).toMatchObject({ resultsPerPage: 200, totalResults: 220273, format: 'NVD_CVE', version: '2.0' });
    expect(r.records).toHaveLength(200);
    expect(r.records.some((c) => c.vulnStatus === 'Rejected')).toBe(true);
    expect(r.records.flatMap((c) => c.metrics).filter((m) => m.version === '2.0').length).toBeGreaterThan(100);
  });

  it('reads KEV fields, Primary/Secondary metrics and configurations (CVE-2023-4863)', (ctx) => {
    const text = readSample('nvd/api-single/osv.dev-CVE-2023-4863.json', ctx);
    if (text === undefined) return;
    const [cve] = parseNvdCveJson(text).records;
    expect(cve?.id).toBe('CVE-2023-4863');
    expect(cve?.kev?.cisaExploitAdd).toBeDefined();
    expect(cve?.kev?.cisaVulnerabilityName).toContain('Google');
    expect(cve?.metrics.some((m) => m.version === '3.1' && m.type === 'Primary')).toBe(true);
    expect(cve && nvdDescription(cve)).toContain('libwebp');
    expect(cve?.configurations.flatMap((c) => c.nodes).flatMap((n) => n.cpeMatch).some((m) => m.versionEndExcluding !== undefined)).toBe(true);
  });

  it('reads AND configurations with running-on platforms (vulnerable:false) and start/end bounds', (ctx) => {
    const text = readSample('nvd/api-single/osv.dev-CVE-2020-13595.json', ctx);
    if (text === undefined) return;
    const [cve] = parseNvdCveJson(text).records;
    const and = cve?.configurations.find((c) => c.operator === 'AND');
    const matches = and?.nodes.flatMap((n) => n.cpeMatch) ?? [];
    expect(matches.some((m) => !m.vulnerable && m.criteria.startsWith('cpe:2.3:h:espressif:esp32'))).toBe(true);
    expect(matches.some((m) => m.versionStartIncluding !== undefined && m.versionEndIncluding !== undefined)).toBe(true);
  });

  it('accepts both CVSS v4.0 field namings (2024 NVD vs FIRST schema): only vectorString/baseScore are read', (ctx) => {
    for (const f of ['nvd/api-pages/vuln-list-update-respPage2-cvssV40-2024naming.json', 'nvd/api-pages/osv.dev-conversion-test-13cves.json']) {
      const text = readSample(f, ctx);
      if (text === undefined) return;
      const v4 = parseNvdCveJson(text).records.flatMap((c) => c.metrics).filter((m) => m.version === '4.0');
      expect(v4.length, f).toBeGreaterThan(0);
      expect(v4.every((m) => m.type === 'Secondary' && m.vectorString.startsWith('CVSS:4.0/'))).toBe(true);
    }
  });

  it('keeps Awaiting Analysis records without configurations (CVE-2024-47177)', (ctx) => {
    const text = readSample('nvd/api-single/osv.dev-CVE-2024-47177.json', ctx);
    if (text === undefined) return;
    expect(parseNvdCveJson(text).records[0]).toMatchObject({ vulnStatus: 'Awaiting Analysis', configurations: [] });
  });
});

describe('parseNvdCveJson on malformed input', () => {
  const page = (vulns: unknown[]) => JSON.stringify({ resultsPerPage: 1, startIndex: 0, totalResults: 1, format: 'NVD_CVE', version: '2.0', timestamp: 't', vulnerabilities: vulns });
  const good = { id: 'CVE-2024-0001', published: 'p', lastModified: 'l', descriptions: [], references: [] };

  it('reports, never throws', () => {
    expect(parseNvdCveJson('{not json').documentError).toMatch(/not valid JSON/);
    expect(parseNvdCveJson('[]').documentError).toBeDefined();
    expect(parseNvdCveJson('{"a":1}').documentError).toMatch(/neither/);
    expect(parseNvdCveJson('x'.repeat(20), { maxBytes: 10 }).documentError).toMatch(/larger/);
  });

  it('rejects bad entries with reasons and keeps the good ones', () => {
    const r = parseNvdCveJson(page([{ cve: good }, { cve: { ...good, id: 'CVE-X' } }, { cve: { id: 'CVE-2024-0002' } }, 5]));
    expect(r.records.map((c) => c.id)).toEqual(['CVE-2024-0001']);
    expect(r.rejects).toEqual([
      { index: 1, id: 'CVE-X', reason: 'id is missing or not CVE-YYYY-NNNN…' },
      { index: 2, id: 'CVE-2024-0002', reason: 'published and lastModified are required' },
      { index: 3, reason: 'cve is not an object' },
    ]);
  });

  it('drops an invalid CVSS vector or cpeMatch with an issue, keeping the record', () => {
    const cve = {
      ...good,
      metrics: { cvssMetricV31: [{ source: 's', type: 'Primary', cvssData: { vectorString: 'CVSS:3.1/AV:N', baseScore: 9 } }] },
      configurations: [{ nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'foo' }] }, { operator: 'XOR', cpeMatch: [] }] }],
    };
    const [rec] = parseNvdCveJson(JSON.stringify({ cve })).records;
    expect(rec?.metrics).toEqual([]);
    expect(rec?.issues).toEqual([
      'configurations[0].nodes[0].cpeMatch[0]: needs vulnerable (boolean) and criteria (cpe:2.3:…)',
      'configurations[0].nodes[1]: operator must be AND or OR',
      'cvssMetricV31[0]: mandatory base metrics missing: AC, PR, UI, S, C, I, A',
    ]);
  });

  it('caps the number of cpeMatch entries per CVE', () => {
    const cpeMatch = Array.from({ length: 5 }, () => ({ vulnerable: true, criteria: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*' }));
    const r = parseNvdCveJson(JSON.stringify({ cve: { ...good, configurations: [{ nodes: [{ operator: 'OR', cpeMatch }] }] } }), { maxCpeMatchPerCve: 3 });
    expect(r.rejects[0]?.reason).toBe('more than 3 cpeMatch entries');
  });
});
