import { describe, expect, it } from 'vitest';
import { parseKevJson } from './cisa-kev.js';
import { readSample } from './shared-samples.test-helper.js';

describe('parseKevJson (CISA KEV schema, reference §4.5)', () => {
  it('reads the full catalog 2025.08.25: 1404 entries, no rejects', (ctx) => {
    const text = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    if (text === undefined) return;
    const r = parseKevJson(text);
    expect(r.meta).toMatchObject({ catalogVersion: '2025.08.25', count: 1404 });
    expect(r.records).toHaveLength(1404);
    expect(r.rejects).toEqual([]);
    expect(r.records[0]).toMatchObject({ cveID: 'CVE-2025-48384', vendorProject: 'Git', dateAdded: '2025-08-25', dueDate: '2025-09-15', knownRansomwareCampaignUse: 'Unknown' });
    expect(r.records.some((e) => e.knownRansomwareCampaignUse === 'Known')).toBe(true);
  });

  it('reads the 2022 shape without knownRansomwareCampaignUse / notes / cwes', (ctx) => {
    const text = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    if (text === undefined) return;
    const r = parseKevJson(text);
    expect(r.records.map((e) => e.cveID)).toEqual(['CVE-2014-0160', 'CVE-2022-1388']);
    expect(r.records[0]?.knownRansomwareCampaignUse).toBeUndefined();
  });

  it('rejects malformed entries with reasons and notes a count mismatch', () => {
    const entry = { cveID: 'CVE-2024-0001', vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2024-01-01', shortDescription: 's', requiredAction: 'r', dueDate: '2024-01-22' };
    const r = parseKevJson(
      JSON.stringify({
        catalogVersion: '1',
        dateReleased: 'd',
        count: 5,
        vulnerabilities: [entry, { ...entry, cveID: 'CVE-1' }, { ...entry, dueDate: '22/01/2024' }, { ...entry, knownRansomwareCampaignUse: 'Maybe' }],
      }),
    );
    expect(r.records).toHaveLength(1);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'cveID is missing or not CVE-YYYY-NNNN…',
      'dueDate must be YYYY-MM-DD',
      'knownRansomwareCampaignUse must be Known or Unknown',
      'count says 5 but the catalog lists 4',
    ]);
    expect(parseKevJson('nope').documentError).toMatch(/not valid JSON/);
    expect(parseKevJson('{}').documentError).toMatch(/vulnerabilities/);
  });
});
