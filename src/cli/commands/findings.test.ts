/** `mamori findings …` and `mamori vuln affected` through run(), against an in-process server. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFetch, tokenFor } from '../../../test/support/app.js';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { osv, vulnDbAfter, vulnDbBefore } from '../../../test/support/vulns.js';
import { buildApp } from '../../server/app.js';
import { findingsMonitor, type FindingsMonitor } from '../../services/findings-monitor.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { uploadSbom } from '../../services/sboms.js';
import { memoryVulnDb } from '../../vulndb/memory-reader.js';
import { setTriage } from '../../services/triage.js';
import type { VulnDbReader } from '../../vulndb/reader.js';
import { analysisWait, cliPage } from './findings.js';

describe('findings CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let app: FastifyInstance;
  let opts: { env: Record<string, string>; fetch: typeof fetch };
  let viewerOpts: { env: Record<string, string>; fetch: typeof fetch };
  let reader: VulnDbReader = vulnDbBefore();
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env.ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
    if (!(await uploadSbom(env.ctx, t.editor, r.value.id, { bytes, fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 1000, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 * 1024 },
      env.ctx,
      { logger: false, vulnDb: { path: '/srv/vulndb.sqlite', reader: () => reader, problem: () => null, close: () => undefined } },
    );
    await app.ready();
    opts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.editor) }, fetch: injectFetch(app) };
    viewerOpts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.viewer) }, fetch: injectFetch(app) };
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('analyses a release and lists its findings as a table and as JSON, with filters', async () => {
    const before = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0'], opts);
    expect(before.code).toBe(0);
    expect(before.stderr).toMatch(/has not been analysed yet/);

    const analyzed = await runCli(['findings', 'analyze', '--product', productName, '--release', '2.1.0'], opts);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(analyzed.stdout).toMatch(/5 components: 3 evaluated, 2 not evaluated; 3 findings; events: 3 new/);

    const table = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0'], opts);
    expect(table.stdout).toMatch(/^VULNERABILITY\s+SEVERITY\s+CVSS\s+KEV/);
    expect(table.stdout).toMatch(/CVE-2021-23337\s+critical\s+9\.8\s+yes \(due 2024-03-22\)\s+lodash\s+4\.17\.20\s+4\.17\.21\s+active/);

    const json = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0', '--severity', 'medium', '--format', 'json'], opts);
    const page = JSON.parse(json.stdout) as { items: { vulnerabilityId: string }[]; total: number };
    expect(page.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2024-35195']);

    // Every page, however small the pages: all three findings, in order.
    cliPage.limit = 1;
    try {
      const paged = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0', '--format', 'json'], opts);
      expect(paged.code, paged.stderr).toBe(0);
      const all = JSON.parse(paged.stdout) as { items: { vulnerabilityId: string }[]; total: number };
      expect([all.items.length, all.total]).toEqual([3, 3]);
      expect(paged.stderr).not.toMatch(/Showing/);
    } finally {
      cliPage.limit = 500;
    }

    const bad = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0', '--severity', 'urgent'], opts);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown severity "urgent"/);
    const noRelease = await runCli(['findings', 'list', '--product', productName, '--release', '9.9'], opts);
    expect(noRelease.code).toBe(2);
  });

  it('refreshes after a feed change; viewers may not', async () => {
    reader = vulnDbAfter();
    const denied = await runCli(['findings', 'refresh'], viewerOpts);
    expect(denied.code).toBe(2);
    const refreshed = await runCli(['findings', 'refresh', '--format', 'json'], opts);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ fromSeq: 4, toSeq: 7, new: 1, changed: 1, withdrawn: 1 });
  });

  it('vuln affected names the products and releases by any alias', async () => {
    const hit = await runCli(['vuln', 'affected', 'GHSA-35jh-r3h4-6jhm'], opts);
    expect(hit.code, hit.stderr).toBe(0);
    expect(hit.stdout).toMatch(/^PRODUCT\s+RELEASE\s+STAGE/);
    expect(hit.stdout).toContain(productName);
    expect(hit.stdout).toMatch(/2\.1\.0\s+support\s+lodash\s+4\.17\.20\s+CVE-2021-23337\s+high/);
    expect(hit.stderr).toMatch(/1 release\(s\) affected/);
    // The ids as the records spell them (GHSA bodies are lower case), whatever the case typed.
    const lower = await runCli(['vuln', 'affected', 'cve-2021-23337'], opts);
    expect(lower.code, lower.stderr).toBe(0);
    expect(lower.stderr).toContain('cve-2021-23337 (CVE-2021-23337, GHSA-35jh-r3h4-6jhm): 1 release(s) affected.');
    // Known to the vulnerability database, nothing affected: exit 0.
    const miss = await runCli(['vuln', 'affected', 'GHSA-fill-0', '--format', 'json'], opts);
    expect(miss.code, miss.stderr).toBe(0);
    expect(JSON.parse(miss.stdout)).toMatchObject({ ids: ['GHSA-fill-0'], items: [] });
    expect(miss.stderr).toMatch(/no release affected/);
    // Page by page, and archived releases only when asked for, marked.
    cliPage.limit = 1;
    try {
      const paged = await runCli(['vuln', 'affected', 'CVE-2021-23337', '--format', 'json'], opts);
      expect(JSON.parse(paged.stdout)).toMatchObject({ total: 1, items: [{ releaseVersion: '2.1.0', archived: false }] });
    } finally {
      cliPage.limit = 500;
    }
    const page = (await (await opts.fetch('http://mamori.test/api/v1/products?limit=1', { headers: { authorization: `Bearer ${opts.env.MAMORI_TOKEN}` } })).json()) as { items: { id: string }[] };
    const archive = (archived: boolean) => opts.fetch(`http://mamori.test/api/v1/products/${page.items[0]!.id}/${archived ? 'archive' : 'restore'}`, { method: 'POST', headers: { authorization: `Bearer ${opts.env.MAMORI_TOKEN}` } });
    expect((await archive(true)).status).toBe(200);
    try {
      const left = await runCli(['vuln', 'affected', 'CVE-2021-23337'], opts);
      expect(left.stderr).toMatch(/no release affected/);
      const marked = await runCli(['vuln', 'affected', 'CVE-2021-23337', '--archived', 'include'], opts);
      expect(marked.stdout).toMatch(/2\.1\.0\s+support \(archived\)\s+lodash/);
      expect(marked.stderr).toMatch(/1 release\(s\) affected, 1 of them archived/);
    } finally {
      await archive(false);
    }
    // Unknown to the database and to every finding: exit 2, like vuln show.
    const unknown = await runCli(['vuln', 'affected', 'CVE-0000-0000'], opts);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/No vulnerability CVE-0000-0000 in the vulnerability database or in this organisation's findings/);
  });
});

describe('vuln affected through a record naming the id as related (ADR 0010 addendum 14)', () => {
  let env: TestEnv & { close(): Promise<void> };
  let app: FastifyInstance;
  let opts: { env: Record<string, string>; fetch: typeof fetch };
  const productName = productInput().name;

  beforeAll(async () => {
    // RSEC-2023-8 (conformance/advisories/r-rsec) names cmark-gfm CVEs in upstream; the R package commonmark bundles cmark-gfm.
    const reader = memoryVulnDb({
      advisories: [
        osv({
          id: 'RSEC-2023-8',
          upstream: ['CVE-2023-37463', 'CVE-2023-22486', 'CVE-2023-22483'],
          affected: [{ package: { name: 'commonmark', ecosystem: 'CRAN' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.2' }, { fixed: '1.9.2' }] }] }],
        }),
      ],
    });
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env.ctx, t.editor, p.value.id, { version: '3.0.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', 'bom-ref': 'cm', name: 'commonmark', version: '1.8', purl: 'pkg:cran/commonmark@1.8' }] });
    if (!(await uploadSbom(env.ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(bom), fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 1000, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 * 1024 },
      env.ctx,
      { logger: false, vulnDb: { path: '/srv/vulndb.sqlite', reader: () => reader, problem: () => null, close: () => undefined } },
    );
    await app.ready();
    opts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.editor) }, fetch: injectFetch(app) };
    const analysed = await runCli(['findings', 'analyze', '--product', productName, '--release', '3.0.0'], opts);
    if (analysed.code !== 0) throw new Error(analysed.stderr);
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('lists the release affected through RSEC-2023-8 for a CVE it names, saying via which record', async () => {
    const table = await runCli(['vuln', 'affected', 'CVE-2023-22486'], opts);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^PRODUCT\s+RELEASE\s+STAGE\s+COMPONENT\s+VERSION\s+VULNERABILITY\s+SEVERITY\s+KEV\s+VIA/);
    expect(table.stdout).toMatch(/3\.0\.0\s+support\s+commonmark\s+1\.8\s+RSEC-2023-8\s+unknown\s+-\s+via RSEC-2023-8/);
    expect(table.stderr).toContain('CVE-2023-22486 (CVE-2023-22486; named as related by RSEC-2023-8): 1 release(s) affected.');
    const json = await runCli(['vuln', 'affected', 'CVE-2023-22486', '--format', 'json'], opts);
    expect(JSON.parse(json.stdout)).toMatchObject({ relatedBy: ['RSEC-2023-8'], items: [{ releaseVersion: '3.0.0', componentName: 'commonmark', vulnerabilityId: 'RSEC-2023-8', via: 'RSEC-2023-8' }] });
    // The record's own id: its finding, not through anything.
    const own = await runCli(['vuln', 'affected', 'RSEC-2023-8', '--format', 'json'], opts);
    expect(JSON.parse(own.stdout)).toMatchObject({ relatedBy: [], items: [{ vulnerabilityId: 'RSEC-2023-8', via: null }] });
    // An id no record names is still unknown.
    expect((await runCli(['vuln', 'affected', 'CVE-2023-22487'], opts)).code).toBe(2);
  });
});

describe('findings list with the triage decisions (QA auditor report #4)', () => {
  let env: TestEnv & { close(): Promise<void> };
  let app: FastifyInstance;
  let opts: { env: Record<string, string>; fetch: typeof fetch };
  let viewerOpts: { env: Record<string, string>; fetch: typeof fetch };
  let tenant: Awaited<ReturnType<typeof seedTenant>>;
  let productId: string;
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    tenant = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, tenant.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    productId = p.value.id;
    const r = await createRelease(env.ctx, tenant.editor, p.value.id, { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
    if (!(await uploadSbom(env.ctx, tenant.editor, r.value.id, { bytes, fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 1000, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 * 1024 },
      env.ctx,
      { logger: false, vulnDb: { path: '/srv/vulndb.sqlite', reader: () => vulnDbBefore(), problem: () => null, close: () => undefined } },
    );
    await app.ready();
    opts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, tenant.editor) }, fetch: injectFetch(app) };
    viewerOpts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, tenant.viewer) }, fetch: injectFetch(app) };
    expect((await runCli(['findings', 'analyze', '--product', productName, '--release', '2.1.0'], opts)).code).toBe(0);
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('shows the triage decision of each finding (own or carried forward), as a column, in JSON and as a filter', async () => {
    type Listed = { items: { id: string; componentName: string; decision: { state: string; justification: string | null; origin: string; detail: string | null; createdBy: string } | null }[]; total: number };
    const list = async (version: string, ...extra: string[]) => {
      const res = await runCli(['findings', 'list', '--product', productName, '--release', version, '--format', 'json', ...extra], viewerOpts);
      expect(res.code, res.stderr).toBe(0);
      return JSON.parse(res.stdout) as Listed;
    };
    const before = await list('2.1.0');
    expect(before.items.map((f) => f.decision)).toEqual([null, null, null]);
    const lodash = before.items.find((f) => f.componentName === 'lodash')!;
    const decided = await setTriage(env.ctx, tenant.editor, lodash.id, { state: 'not_affected', justification: 'code_not_reachable', responses: [], detail: 'template() is never called\nwith user input', actionStatement: null, scope: 'finding' });
    if (!decided.ok) throw new Error(decided.error.message);

    // The viewer (an auditor) reads the decision beside each finding.
    const after = await list('2.1.0');
    expect(after.items.find((f) => f.id === lodash.id)!.decision).toMatchObject({ state: 'not_affected', justification: 'code_not_reachable', origin: 'own', detail: 'template() is never called\nwith user input' });
    const table = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0'], viewerOpts);
    expect(table.stdout).toMatch(/^VULNERABILITY\s+SEVERITY\s+CVSS\s+KEV\s+COMPONENT\s+VERSION\s+FIXED IN\s+STATUS\s+DECISION$/m);
    expect(table.stdout).toMatch(/CVE-2021-23337\s+.*lodash\s+4\.17\.20\s+4\.17\.21\s+active\s+not_affected \(code_not_reachable\) – template\(\) is never called with user input$/m);
    expect(table.stdout).toMatch(/requests\s+.*active\s+undecided$/m);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(4);

    // The filter applies before paging.
    const undecided = await list('2.1.0', '--decision', 'undecided');
    expect([undecided.total, undecided.items.some((f) => f.id === lodash.id)]).toEqual([2, false]);
    const closed = await list('2.1.0', '--decision', 'not_affected,false_positive,resolved');
    expect(closed.items.map((f) => f.id)).toEqual([lodash.id]);
    const bad = await runCli(['findings', 'list', '--product', productName, '--release', '2.1.0', '--decision', 'ignored'], viewerOpts);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/Unknown decision "ignored"/)]);

    // A later release with the same package version: the decision is carried forward, and says so.
    const next = await createRelease(env.ctx, tenant.editor, productId, { version: '2.2.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!next.ok) throw new Error('setup');
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
    if (!(await uploadSbom(env.ctx, tenant.editor, next.value.id, { bytes, fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    expect((await runCli(['findings', 'analyze', '--product', productName, '--release', '2.2.0'], opts)).code).toBe(0);
    const carried = await list('2.2.0', '--decision', 'not_affected');
    expect(carried.items.map((f) => [f.componentName, f.decision?.origin])).toEqual([['lodash', 'carried']]);
    const carriedTable = await runCli(['findings', 'list', '--product', productName, '--release', '2.2.0', '--decision', 'not_affected'], viewerOpts);
    expect(carriedTable.stdout).toMatch(/not_affected \(code_not_reachable\) \[carried\] – template/);
  });

});

describe('findings CLI with the server analysing by itself', () => {
  let env: TestEnv & { close(): Promise<void> };
  let app: FastifyInstance;
  let monitor: FindingsMonitor;
  let opts: { env: Record<string, string>; fetch: typeof fetch };
  const productName = productInput().name;
  const fixtureFile = fileURLToPath(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url));

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    for (const version of ['1.0.0', '1.1.0']) {
      const r = await createRelease(env.ctx, t.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error('setup');
    }
    const source = { path: '/srv/vulndb.sqlite', reader: () => vulnDbBefore(), problem: () => null, close: () => undefined };
    monitor = findingsMonitor(env.ctx, source, { automatic: true, checkSeconds: 3600 });
    app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 1000, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 * 1024 },
      env.ctx,
      { logger: false, vulnDb: source, monitor },
    );
    await app.ready();
    opts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.editor) }, fetch: injectFetch(app) };
    analysisWait.pollMs = 10;
  });
  afterAll(async () => {
    analysisWait.pollMs = 1000;
    await app.close();
    await env.close();
  });

  it('sbom upload --wait waits for the analysis and says what it found', async () => {
    const up = await runCli(['sbom', 'upload', '--product', productName, '--release', '1.0.0', '--wait', fixtureFile], opts);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/Uploaded sbom-small\.cdx\.json to .* 1\.0\.0: 5 components/);
    expect(up.stderr).toMatch(/Analysed at vulnerability database #4: 3 active finding\(s\)/);
  });

  it('sbom upload --wait --format json puts the analysis in the JSON on stdout (one document)', async () => {
    const up = await runCli(['sbom', 'upload', '--product', productName, '--release', '1.0.0', '--wait', '--format', 'json', fixtureFile], opts);
    expect(up.code, up.stderr).toBe(0);
    const out = JSON.parse(up.stdout) as { id: string; componentCount: number; analysis: unknown };
    expect(out).toMatchObject({ componentCount: 5, analysis: { state: 'analysed', seq: 4, findings: 3 } });
    expect(out.id).toMatch(/^[0-9a-f-]{36}$/);
    // Without --wait: the upload alone, as before.
    const plain = JSON.parse((await runCli(['sbom', 'upload', '--product', productName, '--release', '1.0.0', '--format', 'json', fixtureFile], opts)).stdout) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('analysis');
  });

  it('findings list says when an analysis is running, and --wait waits for it', async () => {
    let release!: () => void;
    const held = monitor.run(() => new Promise<void>((r) => (release = r)));
    const up = await runCli(['sbom', 'upload', '--product', productName, '--release', '1.1.0', fixtureFile], opts);
    expect(up.code, up.stderr).toBe(0);
    const now = await runCli(['findings', 'list', '--product', productName, '--release', '1.1.0'], opts);
    expect(now.code).toBe(0);
    expect(now.stderr).toMatch(/The server is analysing release 1\.1\.0 by itself .* Add --wait to wait for it\./);
    const waiting = runCli(['findings', 'list', '--product', productName, '--release', '1.1.0', '--wait'], opts);
    setTimeout(() => release(), 50);
    const waited = await waiting;
    await held;
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(/Waiting for the server's analysis of release 1\.1\.0…/);
    expect(waited.stderr).not.toMatch(/analysing release 1\.1\.0 by itself/);
    expect(waited.stdout).toMatch(/CVE-2021-23337\s+critical/);
  });
});
