import { describe, expect, it } from 'vitest';
import { parseKevEntry, parseKevJson } from './cisa-kev.js';
import { isKevCsvHeader, readKevCsv } from './cisa-kev-csv.js';
import { readSample } from './shared-samples.test-helper.js';

const header = 'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes';

describe('readKevCsv (CISA KEV catalog, CSV form)', () => {
  it('reads known_exploited_vulnerabilities.csv 2025.08.25 as the same 1,404 entries as the JSON catalog', (ctx) => {
    const csv = readSample('kev/known_exploited_vulnerabilities.csv', ctx);
    const json = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    if (csv === undefined || json === undefined) return;
    expect(isKevCsvHeader(csv.slice(0, csv.indexOf('\n')))).toBe(true);
    const r = readKevCsv(csv);
    if (!r.ok) throw new Error(r.error);
    const fromCsv = r.vulnerabilities.map((v) => parseKevEntry(v));
    expect(fromCsv.every((e) => e.ok)).toBe(true);
    expect(fromCsv.map((e) => (e.ok ? e.value : null))).toEqual(parseKevJson(json).records);
  });

  it('reads quoted cells with commas, quotes and line breaks; CRLF; empty optional cells are left out', () => {
    const text =
      `\uFEFF${header}\r\n` +
      'CVE-2024-0001,"Acme, Inc.",Widget,"The ""Widget"" flaw",2024-01-05,"Line one\nline two",Apply updates.,2024-01-26,Known,,"CWE-20, CWE-79"\r\n' +
      'CVE-2024-0002,v,p,n,2024-01-06,d,a,2024-01-27,,,\r\n';
    const r = readKevCsv(text);
    expect(r).toEqual({
      ok: true,
      vulnerabilities: [
        {
          cveID: 'CVE-2024-0001',
          vendorProject: 'Acme, Inc.',
          product: 'Widget',
          vulnerabilityName: 'The "Widget" flaw',
          dateAdded: '2024-01-05',
          shortDescription: 'Line one\nline two',
          requiredAction: 'Apply updates.',
          dueDate: '2024-01-26',
          knownRansomwareCampaignUse: 'Known',
          cwes: ['CWE-20', 'CWE-79'],
        },
        { cveID: 'CVE-2024-0002', vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2024-01-06', shortDescription: 'd', requiredAction: 'a', dueDate: '2024-01-27', cwes: [] },
      ],
    });
  });

  it('refuses other CSV files, an unclosed quote and too many rows', () => {
    expect(isKevCsvHeader('cve,epss,percentile')).toBe(false);
    expect(readKevCsv('cve,epss,percentile\nCVE-1999-0001,0.1,0.2\n')).toEqual({ ok: false, error: 'not the CISA KEV catalog: the header must name cveID, vendorProject, dateAdded' });
    expect(readKevCsv(`${header}\nCVE-2024-0001,"open`)).toEqual({ ok: false, error: 'a quoted cell is not closed' });
    expect(readKevCsv(`${header}\n${'CVE-2024-0001,v,p,n,2024-01-06,d,a,2024-01-27,,,\n'.repeat(3)}`, { maxEntries: 2 })).toEqual({ ok: false, error: 'more than 2 entries' });
  });
});
