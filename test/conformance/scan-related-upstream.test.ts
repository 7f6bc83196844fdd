/**
 * QA air-gap report H1 on the real feeds (../shared/conformance/advisories): importing the CRAN
 * advisories (r-rsec) after the RubySec ones must not change what `mamori scan` reports for
 * commonmarker 0.23.9. RSEC-2023-8 names seven cmark-gfm CVEs in `upstream`; they are related to it,
 * not aliases of each other (core/vulns/aliases.ts `upstreamAliases`, ADR 0010 addendum 10), so the
 * RubySec record keeps its CVE-2023-37463. `vuln show` finds a CVE only RSEC-2023-8 names
 * (related_ids, addendum 13).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect } from 'vitest';
import { runCli } from '../support/cli.js';
import { itWithData } from '../support/conformance.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const advisories = path.resolve(repoRoot, '..', 'shared', 'conformance', 'advisories');

interface ScanOutput {
  readonly findings: readonly {
    readonly component: { readonly purl: string };
    readonly vulnerability: { readonly id: string; readonly aliases: readonly string[] };
    readonly severity: string;
    readonly evidence: readonly { readonly recordId: string }[];
  }[];
}

describe('rubysec, then r-rsec: commonmarker keeps its CVE', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mamori-related-upstream-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  itWithData(
    'scans commonmarker 0.23.9 as CVE-2023-37463 before and after the CRAN feed is imported',
    advisories,
    async () => {
      writeFileSync(
        path.join(tmp, 'cm.cdx.json'),
        JSON.stringify({
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          version: 1,
          components: [
            {
              type: 'library',
              name: 'commonmarker',
              version: '0.23.9',
              purl: 'pkg:gem/commonmarker@0.23.9',
              'bom-ref': 'cm',
            },
          ],
        }),
      );
      const cli = (...argv: string[]) => runCli([...argv, '--vuln-db', 'rs.sqlite'], { cwd: tmp, env: {} });
      const scan = async () => {
        const r = await cli('scan', 'cm.cdx.json', '--format', 'json');
        expect(r.code, r.stderr).toBe(0);
        return (JSON.parse(r.stdout) as ScanOutput).findings.map((f) => ({
          id: f.vulnerability.id,
          aliases: f.vulnerability.aliases,
          severity: f.severity,
          records: f.evidence.map((e) => e.recordId),
        }));
      };
      expect((await cli('feeds', 'import', path.join(advisories, 'rubysec.jsonl.gz'))).code).toBe(0);
      const before = await scan();
      expect(before).toEqual([
        {
          id: 'CVE-2023-37463',
          aliases: ['GHSA-7vh7-fw88-wj87', 'x_RUBYSEC-commonmarker-CVE-2023-37463'],
          severity: 'unknown',
          records: ['x_RUBYSEC-commonmarker-CVE-2023-37463'],
        },
      ]);
      expect((await cli('feeds', 'import', path.join(advisories, 'r-rsec.jsonl.gz'))).code).toBe(0);
      expect(await scan()).toEqual(before);
      // The CRAN record names the seven CVEs as related; it is not shown under any of them.
      const show = await cli('vuln', 'show', 'RSEC-2023-8', '--format', 'json');
      expect(show.code, show.stderr).toBe(0);
      expect(JSON.parse(show.stdout)).toMatchObject({
        id: 'RSEC-2023-8',
        ids: ['RSEC-2023-8'],
        related: [
          'CVE-2023-22483',
          'CVE-2023-22484',
          'CVE-2023-22485',
          'CVE-2023-22486',
          'CVE-2023-24824',
          'CVE-2023-26485',
          'CVE-2023-37463',
        ],
      });
      const cve = await cli('vuln', 'show', 'CVE-2023-37463', '--format', 'json');
      expect(JSON.parse(cve.stdout)).toMatchObject({
        id: 'CVE-2023-37463',
        ids: ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87', 'x_RUBYSEC-commonmarker-CVE-2023-37463'],
        // …and names it as related (related_ids, ADR 0010 addendum 13).
        relatedBy: [
          { id: 'RSEC-2023-8', source: 'osv', packages: [{ ecosystem: 'CRAN', name: 'commonmark' }] },
        ],
      });
      // A CVE no record of either feed has as its own is found through RSEC-2023-8, not "not found".
      const named = await cli('vuln', 'show', 'CVE-2023-22486');
      expect(named.code, named.stderr).toBe(0);
      expect(named.stdout).toMatch(/Advisory\s+none of its own in the vulnerability database/);
      expect(named.stdout).toMatch(
        /RSEC-2023-8\s+osv\s+CRAN commonmark\s+Denial of Service \(DoS\) vulnerabilities/,
      );
      expect(named.stderr).toMatch(
        /CVE-2023-22486 has no advisory of its own in .*rs\.sqlite; 1 record names it as related: RSEC-2023-8\./,
      );
    },
    120_000,
  );
});
