/**
 * Vulnerability data for findings tests: OSV and NVD records parsed by the real parsers, and two
 * in-memory databases — `before` and `after` a feed update — whose change logs differ the way an
 * import's would (records changed or added by the update get sequence numbers after `before`'s last).
 */
import { parseOsvRecord, type Advisory } from '../../src/core/vulns/advisory.js';
import type { KevEntry } from '../../src/feeds/parse/cisa-kev.js';
import { parseNvdCve, type NvdCve } from '../../src/feeds/parse/nvd-cve.js';
import { memoryVulnDb, type MemoryVulnDb } from '../../src/vulndb/memory-reader.js';

export const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8
export const V31_HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'; // 7.5
export const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N'; // 4.2

export function osv(record: Record<string, unknown>): Advisory {
  const r = parseOsvRecord({ modified: '2024-01-01T00:00:00Z', ...record });
  if (!r.ok) throw new Error(r.reason);
  return r.advisory;
}

export function nvd(record: Record<string, unknown>): NvdCve {
  const r = parseNvdCve({ published: '2024-01-01T00:00:00.000', lastModified: '2024-01-02T00:00:00.000', descriptions: [{ lang: 'en', value: `${String(record['id'])} description` }], ...record });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** An NVD CVE API 2.0 record as the feed serves it, with one primary CVSS 3.1 metric (7.5 HIGH unless given). */
export function nvdApiRecord(
  id: string,
  o: {
    readonly published?: string;
    readonly lastModified?: string;
    readonly description?: string;
    readonly references?: readonly unknown[];
    readonly cvss?: { readonly vector: string; readonly baseScore: number; readonly baseSeverity: string };
    readonly configurations?: readonly unknown[];
  } = {},
): Record<string, unknown> {
  const cvss = o.cvss ?? { vector: V31_HIGH, baseScore: 7.5, baseSeverity: 'HIGH' };
  return {
    id,
    published: o.published ?? '2024-01-01T00:00:00.000',
    lastModified: o.lastModified ?? '2024-01-02T00:00:00.000',
    descriptions: [{ lang: 'en', value: o.description ?? 'a bug' }],
    references: o.references ?? [],
    metrics: {
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: { version: '3.1', vectorString: cvss.vector, baseScore: cvss.baseScore, baseSeverity: cvss.baseSeverity },
        },
      ],
    },
    configurations: o.configurations ?? [],
  };
}

/** An NVD configuration: one vulnerable CPE match, versions before `versionEndExcluding`. */
export function cpeBelow(criteria: string, versionEndExcluding: string): unknown {
  return { nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria, versionEndExcluding }] }] };
}

const semver = (events: Record<string, string>[]) => [{ type: 'SEMVER', events }];
const ecosystem = (events: Record<string, string>[]) => [{ type: 'ECOSYSTEM', events }];

/** lodash < 4.17.21: GHSA-35jh-r3h4-6jhm, alias CVE-2021-23337 (real advisory, shortened). */
export const lodashAdvisory = (score = V31_CRITICAL, modified = '2024-01-01T00:00:00Z') =>
  osv({
    id: 'GHSA-35jh-r3h4-6jhm',
    modified,
    aliases: ['CVE-2021-23337'],
    summary: 'Command Injection in lodash',
    severity: [{ type: 'CVSS_V3', score }],
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: semver([{ introduced: '0' }, { fixed: '4.17.21' }]) }],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
  });

/** requests < 2.32.0: GHSA-9wx4-h78v-vm56, alias CVE-2024-35195. */
export const requestsAdvisory = (withdrawn: string | null = null) =>
  osv({
    id: 'GHSA-9wx4-h78v-vm56',
    aliases: ['CVE-2024-35195'],
    summary: 'Requests Session object does not verify requests after making first request with verify=False',
    ...(withdrawn ? { withdrawn } : {}),
    severity: [{ type: 'CVSS_V3', score: V31_MEDIUM }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: ecosystem([{ introduced: '0' }, { fixed: '2.32.0' }]) }],
  });

/** A second requests advisory that only the update brings (PYSEC id, alias CVE-2023-32681). */
export const requestsLater = osv({
  id: 'PYSEC-2023-74',
  aliases: ['CVE-2023-32681'],
  summary: 'Unintended leak of Proxy-Authorization header in requests',
  severity: [{ type: 'CVSS_V3', score: V31_HIGH }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: ecosystem([{ introduced: '2.3.0' }, { fixed: '2.31.1' }]) }],
});

const filler = (n: number) =>
  osv({ id: `GHSA-fill-${n}`, affected: [{ package: { ecosystem: 'npm', name: `unrelated-${n}` }, ranges: semver([{ introduced: '0' }, { fixed: '1.0.0' }]) }] });

/** FreeRTOS < 10.5.0 by CPE (CVE-2021-31571 shape). */
export const freertosCve = nvd({
  id: 'CVE-2021-31571',
  metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: V31_CRITICAL, baseScore: 9.8 } }] },
  configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:amazon:freertos:*:*:*:*:*:*:*:*', versionEndExcluding: '10.5.0' }] }] }],
});

export const lodashKev: KevEntry = {
  cveID: 'CVE-2021-23337',
  vendorProject: 'lodash',
  product: 'lodash',
  vulnerabilityName: 'lodash command injection',
  dateAdded: '2024-03-01',
  shortDescription: 'Command injection',
  requiredAction: 'Apply updates',
  dueDate: '2024-03-22',
  cwes: ['CWE-77'],
};

/** Before the update: lodash (KEV), requests, an unrelated record; FreeRTOS by CPE. lastSeq() = 4. */
export function vulnDbBefore(): MemoryVulnDb {
  return memoryVulnDb({ advisories: [lodashAdvisory(), requestsAdvisory(), filler(0)], cves: [freertosCve], kev: [lodashKev], epss: [{ cve: 'CVE-2021-23337', epss: 0.012, percentile: 0.85 }], epssDate: '2024-03-01' });
}

/**
 * After the update: the lodash advisory is re-scored (critical → high), the requests advisory is
 * withdrawn, a new requests advisory appears; the fillers keep the sequence numbers of the changed
 * records after 4, as a real import's change log would.
 */
export function vulnDbAfter(options: { withRtos?: boolean } = {}): MemoryVulnDb {
  return memoryVulnDb({
    advisories: [filler(0), filler(1), filler(2), filler(3), lodashAdvisory(V31_HIGH, '2024-06-01T00:00:00Z'), requestsAdvisory('2024-06-01T00:00:00Z'), requestsLater],
    cves: options.withRtos ? [freertosCve] : [],
    kev: [lodashKev],
    epss: [{ cve: 'CVE-2021-23337', epss: 0.012, percentile: 0.85 }],
    epssDate: '2024-06-01',
  });
}
