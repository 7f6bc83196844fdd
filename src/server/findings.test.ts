/**
 * Findings and vulnerability API through inject(): analysis and refresh, findings with filters and
 * paging, vulnerability list and detail, the portfolio questions, "no feeds yet", validation, roles
 * and tenant isolation.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postSbom, seedRelease, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, smallSbom } from '../../test/support/fixtures.js';
import { lodashKev, nvd, osv, testVulnDb, vulnDbAfter, vulnDbBefore } from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';
import type { VulnDbReader } from '../vulndb/reader.js';

describeEachDialect('Findings API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let stranger: BrowserSession;
  let releaseId: string;
  let reader: VulnDbReader | null = null;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(() => reader) }));
    ({ editor, viewer, outsider: stranger } = await tenantSessions(app, env().ctx, ['editor', 'viewer']));
    ({ releaseId } = await seedRelease(app, editor, { release: { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support' }, sbom: smallSbom }));
  });
  afterAll(async () => app.close());

  it('says clearly that no feeds are imported yet, and refuses analysis with vulndb.missing', async () => {
    const list = await viewer.request('GET', `/api/v1/releases/${releaseId}/findings`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [], total: 0, analysis: null, feeds: { available: false, path: null, lastSeq: null } });
    // Where the database lies on the server is for admins (QA auditor report 7).
    expect((await stranger.request('GET', '/api/v1/vulnerabilities')).json()).toMatchObject({ feeds: { available: false, path: '/data/vulndb.sqlite' } });
    const analyse = await editor.request('POST', `/api/v1/releases/${releaseId}/analyze`);
    expect(analyse.statusCode).toBe(409);
    expect(analyse.json()).toMatchObject({ code: 'vulndb.missing' });
    expect((await viewer.request('GET', '/api/v1/vulnerabilities')).json()).toMatchObject({ total: 0, feeds: { available: false } });
  });

  it('analyses a release and lists its findings with filters and paging', async () => {
    reader = vulnDbBefore();
    expect((await viewer.request('POST', `/api/v1/releases/${releaseId}/analyze`)).statusCode).toBe(403);
    const analyse = await editor.request('POST', `/api/v1/releases/${releaseId}/analyze`);
    expect(analyse.statusCode, analyse.body).toBe(200);
    expect(analyse.json()).toMatchObject({ releaseId, seq: 4, findings: 3, unevaluated: 2, new: 3 });

    const all = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings`)).json<{ items: { vulnerabilityId: string; kev: boolean; evidence: { method: string }[] }[]; total: number; feeds: { available: boolean; lastSeq: number }; analysis: { seq: number } }>();
    expect(all).toMatchObject({ total: 3, feeds: { available: true, lastSeq: 4 }, analysis: { seq: 4 } });
    expect(all.items[0]).toMatchObject({ vulnerabilityId: 'CVE-2021-23337', kev: true, evidence: [{ method: 'osv-purl' }] });

    const filtered = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings?severity=critical&kev=false`)).json<{ items: { vulnerabilityId: string }[] }>();
    expect(filtered.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2021-31571']);
    const search = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings?q=requests`)).json<{ total: number }>();
    expect(search.total).toBe(1);
    const paged = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings?limit=1&offset=1`)).json<{ items: unknown[]; total: number; offset: number }>();
    expect([paged.items.length, paged.total, paged.offset]).toEqual([1, 3, 1]);

    const bad = await viewer.request('GET', `/api/v1/releases/${releaseId}/findings?severity=urgent`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string; issues: { message: string }[] }>().issues[0]!.message).toContain('Unknown severity "urgent"');

    const unevaluated = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings/unevaluated`)).json<{ items: { name: string; reason: string }[] }>();
    expect(unevaluated.items).toEqual([
      expect.objectContaining({ name: 'FreeRTOS-Plus-TCP', reason: 'no-identifier' }),
      expect.objectContaining({ name: 'Infusion pump firmware', reason: 'no-identifier' }),
    ]);
    type EventPage = { items: { id: string; kind: string; vulnerabilityId: string }[]; total: number; limit: number; offset: number };
    const events = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings/events`)).json<EventPage>();
    expect(events.items.map((e) => e.kind)).toEqual(['new', 'new', 'new']);
    expect([events.total, events.limit, events.offset]).toEqual([3, 50, 0]);
    // Paginated like every other list (README: limit 1–500, offset, total), oldest first across pages.
    const first = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings/events?limit=2`)).json<EventPage>();
    const rest = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings/events?limit=2&offset=2`)).json<EventPage>();
    expect([first.items.length, first.total, rest.items.length, rest.total, rest.offset]).toEqual([2, 3, 1, 3, 2]);
    expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(events.items.map((e) => e.id));
    expect((await viewer.request('GET', `/api/v1/releases/${releaseId}/findings/events?limit=501`)).statusCode).toBe(400);
  });

  it('lists vulnerabilities and shows one by any alias with CVSS, EPSS, KEV, references and the affected releases', async () => {
    const list = (await viewer.request('GET', '/api/v1/vulnerabilities?kev=true')).json<{ items: { vulnerabilityId: string; releases: number }[]; total: number }>();
    expect(list).toMatchObject({ total: 1, items: [{ vulnerabilityId: 'CVE-2021-23337', releases: 1 }] });

    const detail = await viewer.request('GET', '/api/v1/vulnerabilities/GHSA-35jh-r3h4-6jhm');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      id: 'CVE-2021-23337',
      aliases: ['GHSA-35jh-r3h4-6jhm'],
      summary: 'Command Injection in lodash',
      severity: 'critical',
      cvss: [{ version: '3.1', baseScore: 9.8, source: 'GHSA-35jh-r3h4-6jhm' }],
      epss: { score: 0.012, percentile: 0.85 },
      kev: { dateAdded: '2024-03-01', dueDate: '2024-03-22' },
      references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
      records: [{ id: 'GHSA-35jh-r3h4-6jhm', source: 'osv' }],
      affected: [{ releaseId, componentName: 'lodash' }],
    });
    const missing = await viewer.request('GET', '/api/v1/vulnerabilities/CVE-1999-0001');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'vulnerability.not_found' });
  });

  it('answers affected-by, kev-in-field, new-since and the severity history', async () => {
    const affected = (await viewer.request('GET', '/api/v1/affected-by/cve-2021-23337')).json<{ ids: string[]; items: { releaseId: string }[] }>();
    expect(affected.items.map((r) => r.releaseId)).toEqual([releaseId]);
    // Ids as the records spell them, whatever the case typed.
    expect(affected.ids.sort()).toEqual(['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']);
    // Known to the database, nothing affected: an empty answer. Unknown to the database and to every finding: 404.
    expect((await viewer.request('GET', '/api/v1/affected-by/GHSA-fill-0')).json()).toMatchObject({ ids: ['GHSA-fill-0'], items: [] });
    const unknown = await viewer.request('GET', '/api/v1/affected-by/CVE-0000-0000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'vulnerability.not_found', detail: "No vulnerability CVE-0000-0000 in the vulnerability database or in this organisation's findings." });
    // Unknown to the database but named by a finding (the feeds changed since the analysis): answered from the findings.
    const before = reader;
    reader = memoryVulnDb({});
    const fromFindings = (await viewer.request('GET', '/api/v1/affected-by/cve-2021-23337')).json<{ ids: string[]; items: { releaseId: string }[] }>();
    expect(fromFindings).toMatchObject({ ids: ['cve-2021-23337'], items: [{ releaseId }] });
    reader = before;
    const kev = (await viewer.request('GET', '/api/v1/kev-in-field')).json<{ items: { vulnerabilityId: string; kevDueDate: string }[] }>();
    expect(kev.items).toEqual([expect.objectContaining({ vulnerabilityId: 'CVE-2021-23337', kevDueDate: '2024-03-22' })]);
    const fresh = (await viewer.request('GET', '/api/v1/new-since?since=2000-01-01')).json<{ items: { at: string }[] }>();
    expect(fresh.items).toHaveLength(3);
    expect(fresh.items[0]!.at).toMatch(/^\d{4}-/);
    expect((await viewer.request('GET', '/api/v1/new-since?since=yesterday')).statusCode).toBe(400);
    // Paged, with the total (limit and offset were refused before, and the answer was cut at 5,000 without a word).
    const window = (await viewer.request('GET', '/api/v1/new-since?since=2000-01-01&limit=2&offset=1')).json<{ items: { findingId: string; archived: boolean }[]; total: number; limit: number; offset: number }>();
    expect(window).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(window.items.map((r) => r.findingId)).toEqual((fresh as unknown as { items: { findingId: string }[] }).items.slice(1, 3).map((r) => r.findingId));
    expect(window.items.every((r) => r.archived === false)).toBe(true);
    expect((await viewer.request('GET', '/api/v1/kev-in-field?limit=1&archived=include')).json()).toMatchObject({ total: 1, limit: 1, offset: 0 });
    expect((await viewer.request('GET', '/api/v1/affected-by/cve-2021-23337?limit=1&archived=only')).json()).toMatchObject({ items: [], total: 0 });
    expect((await viewer.request('GET', '/api/v1/new-since?since=2000-01-01&limit=501')).statusCode).toBe(400);
    const history = (await viewer.request('GET', `/api/v1/severity-history?releaseId=${releaseId}`)).json<{ points: { counts: Record<string, number> }[] }>();
    expect(history.points.at(-1)!.counts).toMatchObject({ critical: 2, medium: 1 });
  });

  it('refreshes after a feed change and records the events', async () => {
    reader = vulnDbAfter();
    const refresh = await editor.request('POST', '/api/v1/findings/refresh');
    expect(refresh.statusCode, refresh.body).toBe(200);
    expect(refresh.json()).toMatchObject({ fromSeq: 4, toSeq: 7, components: 1, packageVersions: 2, new: 1, changed: 1, withdrawn: 1 });
    const withdrawn = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings?status=withdrawn`)).json<{ items: { vulnerabilityId: string }[] }>();
    expect(withdrawn.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2024-35195']);
  });

  it('switches CPE matching per product (off / without a usable purl / all) and per component, and re-analyses at once', async () => {
    reader = vulnDbBefore();
    const cpe = 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*';
    const bom = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [
        // A usable purl (OSV knows nothing of it) and a CPE: matched by CPE only under "all".
        { type: 'library', 'bom-ref': 'shim', name: 'freertos-shim', version: '10.4.3', purl: 'pkg:npm/freertos-shim@10.4.3', cpe },
        // A purl no OSV ecosystem covers, and a CPE: matched by CPE unless CPE matching is off.
        { type: 'operating-system', 'bom-ref': 'rtos', name: 'FreeRTOS', version: '10.4.3', purl: 'pkg:generic/amazon/freertos@10.4.3', cpe },
      ],
    });
    const product = (await editor.request('POST', '/api/v1/products', productInput())).json<{ id: string }>();
    const release = (await editor.request('POST', `/api/v1/products/${product.id}/releases`, { version: '1.0', releaseDate: null, stage: 'development' })).json<{ id: string }>().id;
    const up = await postSbom(app, editor, release, bom);
    expect(up.statusCode, up.body).toBe(201);
    const url = `/api/v1/products/${product.id}/vulnerability-settings`;
    expect((await viewer.request('GET', url)).json()).toMatchObject({ productId: product.id, cpeMatching: 'without_purl', updatedAt: null });
    // A viewer is refused with a sentence that names the action (QA PSIRT L8).
    const refused = await viewer.request('PUT', url, { cpeMatching: 'all' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'auth.forbidden',
      detail: 'The role "viewer" may not change products and their records (product.write).',
    });
    expect((await editor.request('POST', `/api/v1/releases/${release}/analyze`)).json()).toMatchObject({ findings: 1, unevaluated: 0 });
    const methods = async () =>
      (await viewer.request('GET', `/api/v1/releases/${release}/findings`)).json<{ items: { componentName: string; evidence: { method: string }[] }[] }>().items.map((f) => [f.componentName, f.evidence[0]!.method]);
    expect(await methods()).toEqual([['FreeRTOS', 'nvd-cpe']]);

    const all = await editor.request('PUT', url, { cpeMatching: 'all' });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ cpeMatching: 'all', reanalysedReleases: 1 });
    expect(all.json<{ updatedBy: string | null }>().updatedBy).toBeTruthy();
    expect((await methods()).sort()).toEqual([['FreeRTOS', 'nvd-cpe'], ['freertos-shim', 'nvd-cpe']]);

    expect((await editor.request('PUT', url, { cpeMatching: 'off' })).statusCode).toBe(200);
    expect(await methods()).toEqual([]);
    const unevaluated = (await viewer.request('GET', `/api/v1/releases/${release}/findings/unevaluated`)).json<{ items: { name: string; reason: string; detail: string }[] }>();
    expect(unevaluated.items.map((u) => [u.name, u.reason])).toEqual([['FreeRTOS', 'ecosystem-unsupported']]);
    expect(unevaluated.items[0]!.detail).toContain('CPE matching is off');

    // Per component, whatever the product's mode: FreeRTOS switched on while the product is off,
    // then the shim on and FreeRTOS off under the default mode; kept across calls that omit the list.
    const on = await editor.request('PUT', url, { cpeMatching: 'off', componentOverrides: [{ component: ' FreeRTOS ', cpeMatching: 'on' }] });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ cpeMatching: 'off', componentOverrides: [{ component: 'FreeRTOS', cpeMatching: 'on' }], reanalysedReleases: 1 });
    expect(await methods()).toEqual([['FreeRTOS', 'nvd-cpe']]);
    const swapped = await editor.request('PUT', url, {
      cpeMatching: 'without_purl',
      componentOverrides: [
        { component: 'freertos-shim', cpeMatching: 'on' },
        { component: 'FreeRTOS', cpeMatching: 'off' },
      ],
    });
    expect(swapped.json()).toMatchObject({ componentOverrides: [{ component: 'FreeRTOS', cpeMatching: 'off' }, { component: 'freertos-shim', cpeMatching: 'on' }] });
    expect(await methods()).toEqual([['freertos-shim', 'nvd-cpe']]);
    expect((await editor.request('PUT', url, { cpeMatching: 'without_purl' })).json()).toMatchObject({ componentOverrides: [{ component: 'FreeRTOS' }, { component: 'freertos-shim' }] });
    expect((await viewer.request('GET', url)).json()).toMatchObject({ componentOverrides: [{ component: 'FreeRTOS', cpeMatching: 'off' }, { component: 'freertos-shim', cpeMatching: 'on' }] });
    const twice = await editor.request('PUT', url, { cpeMatching: 'off', componentOverrides: [{ component: 'x', cpeMatching: 'on' }, { component: 'x ', cpeMatching: 'off' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['componentOverrides.1.component']);
    expect((await editor.request('PUT', url, { cpeMatching: 'off', componentOverrides: [{ component: 'x', cpeMatching: 'maybe' }] })).statusCode).toBe(400);
    expect((await editor.request('PUT', url, { cpeMatching: 'off', componentOverrides: [] })).json()).toMatchObject({ componentOverrides: [] });
    expect(await methods()).toEqual([]);

    expect((await editor.request('PUT', url, { cpeMatching: 'sometimes' })).statusCode).toBe(400);
    expect((await viewer.request('PUT', url, { cpeMatching: 'all' })).statusCode).toBe(403);
    expect((await stranger.request('GET', url)).statusCode).toBe(404);
    expect((await stranger.request('PUT', url, { cpeMatching: 'all' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('keeps every answer inside the organisation', async () => {
    expect((await stranger.request('GET', `/api/v1/releases/${releaseId}/findings`)).statusCode).toBe(404);
    expect((await stranger.request('POST', `/api/v1/releases/${releaseId}/analyze`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/releases/${releaseId}/findings/events`)).statusCode).toBe(404);
    expect((await stranger.request('GET', '/api/v1/affected-by/CVE-2021-23337')).json()).toMatchObject({ items: [] });
    expect((await stranger.request('GET', '/api/v1/kev-in-field')).json()).toMatchObject({ items: [] });
    expect((await stranger.request('GET', '/api/v1/new-since?since=2000-01-01')).json()).toMatchObject({ items: [] });
    expect((await stranger.request('GET', '/api/v1/vulnerabilities')).json()).toMatchObject({ total: 0 });
    expect((await stranger.request('GET', '/api/v1/vulnerabilities/CVE-2021-23337')).json()).toMatchObject({ affected: [] });
    expect((await stranger.request('GET', `/api/v1/severity-history?releaseId=${releaseId}`)).statusCode).toBe(404);
    // The stranger's refresh sees no analysed releases of its own: nothing is re-evaluated.
    expect((await stranger.request('POST', '/api/v1/findings/refresh')).json()).toMatchObject({ releases: 0, components: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/vulnerabilities' })).statusCode).toBe(401);
  });

  it('shows the earliest published date of the records of a vulnerability and the latest modified date', async () => {
    // CVE-2024-3094: NVD published it on 2024-03-29; the Julia advisory aliasing it (JLSEC-2026-62) in 2026.
    reader = memoryVulnDb({
      advisories: [osv({ id: 'JLSEC-2026-62', aliases: ['CVE-2024-3094'], published: '2026-04-08T16:01:54Z', modified: '2026-04-09T00:00:00Z', affected: [] })],
      cves: [nvd({ id: 'CVE-2024-3094', published: '2024-03-29T17:15:21.150', lastModified: '2026-07-17T23:50:43.660' })],
    });
    for (const id of ['CVE-2024-3094', 'JLSEC-2026-62']) {
      const detail = await viewer.request('GET', `/api/v1/vulnerabilities/${id}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json()).toMatchObject({
        id: 'CVE-2024-3094',
        published: '2024-03-29T17:15:21.150',
        publishedFrom: { source: 'nvd', id: 'CVE-2024-3094' },
        modified: '2026-07-17T23:50:43.660',
      });
    }
  });

  it('never shows a Published date later than the day CISA added the vulnerability to KEV', async () => {
    // CVE-2023-46604 (QA PSIRT M6): no NVD record; Bitnami's record published 2025-12-03, KEV added 2023-11-02.
    const bitnami = osv({ id: 'BIT-activemq-2023-46604', aliases: ['CVE-2023-46604'], published: '2025-12-03T14:35:38Z', modified: '2025-12-04T00:00:00Z', affected: [] });
    const kev = { ...lodashKev, cveID: 'CVE-2023-46604', vendorProject: 'Apache', product: 'ActiveMQ', dateAdded: '2023-11-02', dueDate: '2023-11-23' };
    reader = memoryVulnDb({ advisories: [bitnami], kev: [kev] });
    const detail = (await viewer.request('GET', '/api/v1/vulnerabilities/BIT-activemq-2023-46604')).json<Record<string, unknown>>();
    expect(detail).toMatchObject({ id: 'CVE-2023-46604', published: '2023-11-02', publishedFrom: { source: 'kev', id: 'CVE-2023-46604' }, kev: { dateAdded: '2023-11-02' } });
    // A record published before KEV listed it stays the first disclosure.
    reader = memoryVulnDb({ advisories: [bitnami], cves: [nvd({ id: 'CVE-2023-46604', published: '2023-10-27T15:15:13.933' })], kev: [kev] });
    expect((await viewer.request('GET', '/api/v1/vulnerabilities/CVE-2023-46604')).json()).toMatchObject({
      published: '2023-10-27T15:15:13.933',
      publishedFrom: { source: 'nvd', id: 'CVE-2023-46604' },
    });
  });
});
