/**
 * The vulnerability database against the real data in ../shared/conformance: the 30,667 OSV records
 * of the advisories folder (14 databases, JSON lines .gz) and the NVD API 2.0 / feed, CISA KEV,
 * EPSS and MyJVN samples in formats/. Every OSV record is imported (STATS.md: 327 withdrawn), a
 * second import changes nothing, and the reader answers from what was imported.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { osvPackageForPurlString } from '../../src/core/identity/osv-ecosystem.js';
import { openVulnDb } from '../../src/vulndb/database.js';
import { importPath } from '../../src/vulndb/import.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const conformance = path.resolve(repoRoot, '..', 'shared', 'conformance');
const advisories = path.join(conformance, 'advisories');
const formats = path.join(conformance, 'formats');
const present = existsSync(path.join(advisories, 'stats.json')) && existsSync(formats);
const inCi = process.env.CI === 'true';

describe('vulnerability database with the real feeds', () => {
  if (!present) {
    it('needs ../shared/conformance', () => {
      if (inCi) expect.fail(`conformance data missing: ${conformance}`);
      console.warn(`skipping vulnerability database conformance: ${conformance} is absent`);
    });
    return;
  }
  const db = openVulnDb(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'mamori-vulndb-conf-')), 'vulndb.sqlite'),
  );
  afterAll(() => db.close());

  it('imports every real OSV record, and a second import changes nothing', async () => {
    const first = await importPath(db, advisories);
    expect(first.counts.new + first.counts.withdrawn).toBe(30_667);
    expect(first.counts.withdrawn).toBe(327);
    // Only the folder's documentation files are skipped (SOURCES.md, STATS.md, stats.json, tools/…).
    expect(first.problems.every((p) => !p.where.includes('.jsonl.gz'))).toBe(true);
    expect(db.status().records).toEqual({ osv: 30_667 });
    const seq = db.lastSeq();
    const second = await importPath(db, advisories);
    expect(second.counts).toMatchObject({ new: 0, changed: 0, withdrawn: 0, unchanged: 30_667 });
    expect(db.lastSeq()).toBe(seq);
  }, 300_000);

  it('does not join the CVEs a record names in upstream (RSEC-2023-8), but keeps one id per database (JLSEC-2025-184)', () => {
    // QA air-gap H1: RSEC-2023-8 names seven cmark-gfm CVEs; JLSEC-2025-184 names CVE-2023-22742 and its EUVD id.
    expect(db.idsOf('RSEC-2023-8')).toEqual(['RSEC-2023-8']);
    expect(db.idsOf('CVE-2023-37463')).not.toContain('CVE-2023-22483');
    expect(db.idsOf('JLSEC-2025-184')).toEqual(expect.arrayContaining(['CVE-2023-22742', 'EUVD-2023-26860']));
  });

  it('answers package lookups made from purls', () => {
    for (const purl of [
      'pkg:pypi/Django@3.2',
      'pkg:golang/github.com/gin-gonic/gin@1.0.0',
      'pkg:cargo/tokio@1.0.0',
      'pkg:gem/rails@5.0.0',
      'pkg:npm/lodash@4.17.0',
    ]) {
      const m = osvPackageForPurlString(purl);
      expect(m.ok, purl).toBe(true);
      if (!m.ok) continue;
      expect(db.hasPackage(m.package.ecosystem, m.package.name), purl).toBe(true);
      expect(db.packageRecords(m.package.ecosystem, m.package.name).length, purl).toBeGreaterThan(0);
    }
    expect(db.hasPackage('PyPI', 'no-such-package-anywhere')).toBe(false);
    // PYSEC-2023-61 (django) is the same vulnerability as CVE-2023-31047 and its GHSA.
    expect(db.idsOf('PYSEC-2023-61')).toEqual(
      expect.arrayContaining(['CVE-2023-31047', 'GHSA-r3xc-prgr-mg9p', 'PYSEC-2023-61']),
    );
  });

  it('imports the NVD, KEV, EPSS and MyJVN samples', async () => {
    const nvd = await importPath(db, path.join(formats, 'nvd', 'api-pages'));
    expect(nvd.counts.new + nvd.counts.withdrawn).toBeGreaterThan(400);
    expect(nvd.counts.skipped).toBe(0);
    const single = await importPath(db, path.join(formats, 'nvd', 'api-single'));
    expect(single.counts.skipped).toBe(0);
    expect(db.cvesForCpeProduct('tukaani', 'xz').map((c) => c.id)).toContain('CVE-2024-3094');
    const kev = await importPath(db, path.join(formats, 'kev', 'known_exploited_vulnerabilities.json'));
    expect(kev.counts.kev).toBe(1404);
    expect(db.enrichment(['CVE-2023-4863']).kev).toMatchObject({ dateAdded: '2023-09-13' });
    const epss = await importPath(db, path.join(formats, 'epss', 'epss_scores-2025-12-26-excerpt.csv'));
    expect(epss.counts.epss).toBeGreaterThan(5);
    expect(db.enrichment(['CVE-1999-0001']).epss).toEqual({
      score: 0.01151,
      percentile: 0.7802,
      date: '2025-12-26',
    });
    const jvn = await importPath(
      db,
      path.join(formats, 'jvn', 'myjvn-np', 'examples', 'hnd', 'getVulnDetailInfo_hnd_JVNDB-2018-009328.xml'),
    );
    expect(jvn.counts.new).toBe(1);
    const j = db.jvnById('JVNDB-2018-009328');
    expect(j?.title).toBeTruthy();
    expect(db.idsOf('JVNDB-2018-009328')).toEqual(
      expect.arrayContaining(['JVNDB-2018-009328', ...(j?.cves ?? [])]),
    );
    // CVSS from NVD is scored from the vector, not copied.
    const cvss = db.enrichment(['CVE-2024-3094']).cvss;
    expect(cvss.some((c) => c.version === '3.1' && c.baseScore === 10 && c.severity === 'critical')).toBe(
      true,
    );
  }, 120_000);
});
