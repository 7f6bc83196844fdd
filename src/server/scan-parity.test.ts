/**
 * The server analyses the same components as `mamori scan` (QA PSIRT H2): an SBOM uploaded through
 * the API and analysed there gives the findings and the list of components not evaluated that
 * `mamori scan --format json` gives for the same file, against the same vulnerability database
 * file (built with the importer), the SBOM's primary component and the components nested in it
 * included. CycloneDX (metadata.component) and SPDX (the described package).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, postSbom, seedProduct, testApp, type BrowserSession } from '../../test/support/app.js';
import { runCli } from '../../test/support/cli.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant } from '../../test/support/fixtures.js';
import { testVulnDb, V31_HIGH, V31_MEDIUM } from '../../test/support/vulns.js';
import { openVulnDb, type VulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';

const advisories = [
  // A known malicious package (conformance/advisories/leitwacht-npm-malicious.jsonl.gz): no CVSS, a MAL- alias.
  {
    id: 'LWA-2026-0053',
    modified: '2026-06-28T06:27:52Z',
    aliases: ['MAL-2026-4496'],
    summary: 'Malicious code in bandkit (npm)',
    affected: [{ package: { ecosystem: 'npm', name: 'bandkit', purl: 'pkg:npm/bandkit' }, versions: ['1.0.7'] }],
  },
  {
    id: 'GHSA-rvg8-pwq2-xj7q',
    modified: '2024-01-01T00:00:00Z',
    summary: 'Out-of-bounds read in base64url',
    severity: [{ type: 'CVSS_V3', score: V31_HIGH }],
    affected: [{ package: { ecosystem: 'npm', name: 'base64url' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.0.0' }] }] }],
  },
  {
    id: 'PYSEC-2011-1',
    modified: '2024-01-01T00:00:00Z',
    summary: 'Issue in Django',
    severity: [{ type: 'CVSS_V3', score: V31_MEDIUM }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.7' }] }] }],
  },
];

/** The tester's SBOM (/tmp/qa-psirt/primary.cdx.json): a primary application with a nested library. */
const primaryCdx = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: {
    component: {
      type: 'application',
      'bom-ref': 'app',
      name: 'bandkit',
      version: '1.0.7',
      purl: 'pkg:npm/bandkit@1.0.7',
      components: [{ type: 'library', 'bom-ref': 'sub', name: 'base64url', version: '0.0.6', purl: 'pkg:npm/base64url@0.0.6' }],
    },
  },
  components: [{ type: 'library', 'bom-ref': 'x', name: 'django', version: '1.0.2', purl: 'pkg:pypi/django@1.0.2' }],
};

/** SPDX: the one described package (firmware with no identifier) is the primary component. */
const describedSpdx = {
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'pump',
  documentNamespace: 'https://example.com/spdx/pump-1',
  creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: test'] },
  documentDescribes: ['SPDXRef-fw'],
  packages: [
    { SPDXID: 'SPDXRef-fw', name: 'pump-fw', versionInfo: '4.2', downloadLocation: 'NOASSERTION' },
    { SPDXID: 'SPDXRef-b64', name: 'base64url', versionInfo: '2.0.0', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/base64url@2.0.0' }] },
  ],
  relationships: [{ spdxElementId: 'SPDXRef-fw', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-b64' }],
};

/** Ecosystems the database holds no advisory for (it holds npm and PyPI), beside one it holds. */
const otherEcosystemsCdx = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  metadata: { component: { type: 'firmware', 'bom-ref': 'fw', name: 'pump-fw', version: '3.0', purl: 'pkg:generic/acme/pump-fw@3.0' } },
  components: [
    { type: 'library', 'bom-ref': 'log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
    { type: 'library', 'bom-ref': 'openssl', name: 'openssl', version: '1:1.1.1n-0+deb11u4', purl: 'pkg:deb/debian/openssl@1:1.1.1n-0+deb11u4?distro=debian-11' },
    { type: 'library', 'bom-ref': 'django', name: 'django', version: '1.0.2', purl: 'pkg:pypi/django@1.0.2' },
  ],
};

/** Components only a CPE identifies (an RTOS, a codec library), beside one with a purl: CPE matching is on for them by default, on the server as in the scan. */
const cpeOnlyCdx = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: [
    { type: 'operating-system', 'bom-ref': 'rtos', name: 'threadx', version: '6.1', cpe: 'cpe:2.3:o:microsoft:azure_rtos_threadx:6.1:*:*:*:*:*:*:*' },
    { type: 'library', 'bom-ref': 'webp', name: 'libwebp', version: '1.3.1', cpe: 'cpe:2.3:a:webmproject:libwebp:1.3.1:*:*:*:*:*:*:*' },
    { type: 'library', 'bom-ref': 'django', name: 'django', version: '1.0.2', purl: 'pkg:pypi/django@1.0.2' },
  ],
};

const documents: Record<string, unknown> = {
  'primary.cdx.json': primaryCdx,
  'described.spdx.json': describedSpdx,
  'other-ecosystems.cdx.json': otherEcosystemsCdx,
  'cpe-only.cdx.json': cpeOnlyCdx,
};

interface ScanJson {
  findings: { component: { name: string; version: string | null }; vulnerability: { id: string }; severity: string }[];
  unevaluated: { component: { name: string; version: string | null }; reason: string }[];
}

describeEachDialect('The server analyses what mamori scan evaluates', (env) => {
  let dir: string;
  let db: VulnDb;
  let app: FastifyInstance;
  let editor: BrowserSession;
  let productId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-scan-parity-'));
    writeFileSync(path.join(dir, 'osv.jsonl'), advisories.map((a) => JSON.stringify(a)).join('\n') + '\n');
    for (const [name, doc] of Object.entries(documents)) writeFileSync(path.join(dir, name), JSON.stringify(doc));
    const writer = openVulnDb(path.join(dir, 'vulndb.sqlite'));
    expect((await importPath(writer, path.join(dir, 'osv.jsonl'))).counts.imported).toBe(advisories.length);
    writer.close();
    db = openVulnDb(path.join(dir, 'vulndb.sqlite'), { readonly: true });
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(db, path.join(dir, 'vulndb.sqlite')) }));
    editor = await loginAs(app, await seedTenant(env().ctx), 'editor');
    productId = await seedProduct(editor);
  });
  afterAll(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Uploads and analyses the file on the server, and scans it with the CLI: both answers, sorted. */
  async function both(file: string, version: string) {
    const releaseId = (await editor.request('POST', `/api/v1/products/${productId}/releases`, { version })).json<{ id: string }>().id;
    const up = await postSbom(app, editor, releaseId, JSON.stringify(documents[file]), file);
    expect(up.statusCode, up.body).toBe(201);
    const analysed = await editor.request('POST', `/api/v1/releases/${releaseId}/analyze`);
    expect(analysed.statusCode, analysed.body).toBe(200);
    const findings = (await editor.request('GET', `/api/v1/releases/${releaseId}/findings?limit=500`)).json<{
      items: { id: string; componentName: string; componentVersion: string; vulnerabilityId: string; severity: string }[];
    }>();
    const unevaluated = (await editor.request('GET', `/api/v1/releases/${releaseId}/findings/unevaluated`)).json<{ items: { name: string; version: string | null; reason: string }[] }>();
    const scan = await runCli(['scan', file, '--vuln-db', 'vulndb.sqlite', '--format', 'json'], { cwd: dir, env: {} });
    expect(scan.code, scan.stderr).toBe(0);
    const scanned = JSON.parse(scan.stdout) as ScanJson;
    const sorted = (rows: string[][]) => rows.map((r) => r.join(' ')).sort();
    return {
      server: {
        findings: sorted(findings.items.map((f) => [f.componentName, f.componentVersion, f.vulnerabilityId, f.severity])),
        unevaluated: sorted(unevaluated.items.map((u) => [u.name, u.version ?? '', u.reason])),
      },
      scan: {
        findings: sorted(scanned.findings.map((f) => [f.component.name, f.component.version ?? '', f.vulnerability.id, f.severity])),
        unevaluated: sorted(scanned.unevaluated.map((u) => [u.component.name, u.component.version ?? '', u.reason])),
      },
      components: analysed.json<{ components: number }>().components,
      findingId: (name: string) => findings.items.find((f) => f.componentName === name)!.id,
    };
  }

  it("CycloneDX: the primary component (metadata.component) and its nested component are analysed, as the scan evaluates them (QA PSIRT H2)", async () => {
    const { server, scan, components, findingId } = await both('primary.cdx.json', '2.0.0');
    expect(components).toBe(3);
    expect(server).toEqual(scan);
    // The critical malicious-package finding on the primary component, and the nested library's.
    expect(server.findings).toEqual(['bandkit 1.0.7 LWA-2026-0053 critical', 'base64url 0.0.6 GHSA-rvg8-pwq2-xj7q high', 'django 1.0.2 PYSEC-2011-1 medium']);
    expect(server.unevaluated).toEqual([]);
    // Triaged like any other finding.
    const decided = await editor.request('POST', `/api/v1/findings/${findingId('bandkit')}/triage`, { state: 'exploitable', responses: ['update'] });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({ origin: 'own', decision: { state: 'exploitable' } });
  });

  it('SPDX: the described package is analysed (here: listed as not evaluated, with the reason), as the scan does', async () => {
    const { server, scan, components } = await both('described.spdx.json', '2.0.1');
    expect(components).toBe(2);
    expect(server).toEqual(scan);
    expect(server.findings).toEqual(['base64url 2.0.0 GHSA-rvg8-pwq2-xj7q high']);
    expect(server.unevaluated).toEqual(['pump-fw 4.2 no-identifier']);
  });

  it('components of ecosystems the database holds no advisories for are not evaluated, on the server as in the scan (QA PSIRT M2)', async () => {
    const { server, scan, components } = await both('other-ecosystems.cdx.json', '2.0.2');
    expect(components).toBe(4);
    expect(server).toEqual(scan);
    expect(server.findings).toEqual(['django 1.0.2 PYSEC-2011-1 medium']);
    expect(server.unevaluated).toEqual(['log4j-core 2.14.1 ecosystem-not-in-database', 'openssl 1:1.1.1n-0+deb11u4 ecosystem-not-in-database', 'pump-fw 3.0 ecosystem-unsupported']);
  });

  it('components only a CPE identifies are matched by CPE by default, on the server as in the scan (QA secops 2)', async () => {
    const { server, scan, components } = await both('cpe-only.cdx.json', '2.0.3');
    expect(components).toBe(3);
    expect(server).toEqual(scan);
    expect(server.findings).toEqual(['django 1.0.2 PYSEC-2011-1 medium']);
    // Compared by CPE (the database holds no NVD record for them), not "CPE matching off".
    expect(server.unevaluated).toEqual([]);
  });
});
