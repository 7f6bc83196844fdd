/**
 * Vulnerability data for findings tests: OSV and NVD records parsed by the real parsers, and two
 * in-memory databases — `before` and `after` a feed update — whose change logs differ the way an
 * import's would (records changed or added by the update get sequence numbers after `before`'s last);
 * the server's handle on a database (`testVulnDb`), records imported into a real database file
 * (`importRecords`), and a findings monitor log that keeps what it was told (`recordingLog`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOsvRecord, type Advisory } from '../../src/core/vulns/advisory.js';
import type { KevEntry } from '../../src/feeds/parse/cisa-kev.js';
import { parseNvdCve, type NvdCve } from '../../src/feeds/parse/nvd-cve.js';
import type { MonitorLog } from '../../src/services/findings-monitor.js';
import type { VulnDbSource } from '../../src/services/vulndb-source.js';
import { openVulnDb } from '../../src/vulndb/database.js';
import { importPath } from '../../src/vulndb/import.js';
import { memoryVulnDb, type MemoryVulnDb } from '../../src/vulndb/memory-reader.js';
import type { VulnDbReader } from '../../src/vulndb/reader.js';

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

/**
 * The OSV records of the small SBOM's lodash and requests (test/fixtures/sbom-small.cdx.json) as a
 * feed file holds them, without scores: what `importRecords` writes into a database file.
 * lodash < 4.17.21: GHSA-35jh-r3h4-6jhm, alias CVE-2021-23337 (real advisory, shortened).
 */
export const lodashRecord = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-23337'],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: semver([{ introduced: '0' }, { fixed: '4.17.21' }]) }],
};

/** requests < 2.32.0: GHSA-9wx4-h78v-vm56, alias CVE-2024-35195; `withdrawn` (and modified) then when given. */
export const requestsRecord = (withdrawn?: string) => ({
  id: 'GHSA-9wx4-h78v-vm56',
  modified: withdrawn ?? '2024-01-01T00:00:00Z',
  aliases: ['CVE-2024-35195'],
  ...(withdrawn ? { withdrawn } : {}),
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: ecosystem([{ introduced: '0' }, { fixed: '2.32.0' }]) }],
});

/** A record of no component of the small SBOM (npm `unrelated-<n>` < 1.0.0): moves a change log on. */
export const fillerRecord = (n: number) => ({
  id: `GHSA-fill-${n}`,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: `unrelated-${n}` }, ranges: semver([{ introduced: '0' }, { fixed: '1.0.0' }]) }],
});

/** lodashRecord, scored, with a summary and a reference. */
export const lodashAdvisory = (score = V31_CRITICAL, modified = '2024-01-01T00:00:00Z') =>
  osv({
    ...lodashRecord,
    modified,
    summary: 'Command Injection in lodash',
    severity: [{ type: 'CVSS_V3', score }],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
  });

/** requestsRecord, scored, with a summary; withdrawn when given (its modified date stays). */
export const requestsAdvisory = (withdrawn: string | null = null) =>
  osv({
    ...requestsRecord(),
    summary: 'Requests Session object does not verify requests after making first request with verify=False',
    ...(withdrawn ? { withdrawn } : {}),
    severity: [{ type: 'CVSS_V3', score: V31_MEDIUM }],
  });

/** A second requests advisory that only the update brings (PYSEC id, alias CVE-2023-32681). */
export const requestsLater = osv({
  id: 'PYSEC-2023-74',
  aliases: ['CVE-2023-32681'],
  summary: 'Unintended leak of Proxy-Authorization header in requests',
  severity: [{ type: 'CVSS_V3', score: V31_HIGH }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: ecosystem([{ introduced: '2.3.0' }, { fixed: '2.31.1' }]) }],
});

const filler = (n: number) => osv(fillerRecord(n));

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

/**
 * The server's handle on a vulnerability database (`buildApp`'s and the findings monitor's `vulnDb`)
 * that answers with `reader`, or with what `reader()` gives at each call (a database that comes or
 * changes during a test); never a problem, and closing it closes nothing.
 */
export function testVulnDb(
  reader: VulnDbReader | null | (() => VulnDbReader | null),
  file = '/data/vulndb.sqlite',
): VulnDbSource {
  const current = typeof reader === 'function' ? reader : () => reader;
  return { path: file, reader: current, problem: () => null, close: () => undefined };
}

/**
 * Imports OSV `records` into the vulnerability database file `file` (made when missing), as
 * `feeds import` does; returns the file's last change.
 */
export async function importRecords(file: string, ...records: object[]): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-records-'));
  try {
    const input = path.join(dir, 'records.jsonl');
    writeFileSync(input, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const db = openVulnDb(file);
    try {
      return (await importPath(db, input)).lastSeq;
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A findings monitor log that keeps every line it is given, in order. */
export function recordingLog(): MonitorLog & {
  readonly lines: { level: 'info' | 'warn' | 'error'; msg: string; obj: object }[];
  /** The lines' messages alone. */
  readonly messages: string[];
} {
  const lines: { level: 'info' | 'warn' | 'error'; msg: string; obj: object }[] = [];
  return {
    lines,
    get messages() {
      return lines.map((l) => l.msg);
    },
    info: (obj, msg) => lines.push({ level: 'info', msg, obj }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => lines.push({ level: 'error', msg, obj }),
  };
}
