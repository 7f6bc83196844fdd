/**
 * The affected-by question and the vulnerability detail through inject(), on SQLite and PostgreSQL:
 * an id that a record names as related (RSEC-2023-8's `upstream` list of cmark-gfm CVEs,
 * conformance/advisories/r-rsec; ADR 0010 addendum 14) also lists the releases affected through that
 * record, each such row saying `via` which; an id only named that way is found, not 404, and its
 * detail says it has no record of its own and which records name it; the vulnerability's own
 * findings have no `via`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserLogin, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, strongPassword } from '../../test/support/fixtures.js';
import { osv, testVulnDb } from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';

/** RSEC-2023-8, shortened: the R package commonmark bundles cmark-gfm. */
const rsec8 = osv({
  id: 'RSEC-2023-8',
  summary: 'Denial of Service (DoS) vulnerabilities',
  upstream: [
    'CVE-2023-37463',
    'CVE-2023-26485',
    'CVE-2023-24824',
    'CVE-2023-22486',
    'CVE-2023-22485',
    'CVE-2023-22484',
    'CVE-2023-22483',
  ],
  affected: [
    {
      package: { name: 'commonmark', ecosystem: 'CRAN' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.2' }, { fixed: '1.9.2' }] }],
    },
  ],
});
/** x_RUBYSEC-commonmarker-CVE-2023-37463, shortened: the Ruby gem's advisory of one of those CVEs. */
const rubysec = osv({
  id: 'x_RUBYSEC-commonmarker-CVE-2023-37463',
  aliases: ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87'],
  summary: 'Several quadratic complexity bugs may lead to denial of service in Commonmarker',
  affected: [
    {
      package: { ecosystem: 'RubyGems', name: 'commonmarker' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.23.10' }] }],
    },
  ],
});

const sbom = (components: readonly [string, string, string][]) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    components: components.map(([name, version, purl]) => ({
      type: 'library',
      'bom-ref': name,
      name,
      version,
      purl,
    })),
  });

interface Affected {
  ids: string[];
  relatedBy: string[];
  items: { releaseVersion: string; componentName: string; vulnerabilityId: string; via: string | null }[];
}

describeEachDialect('Affected by an id that records name as related', (env) => {
  let app: FastifyInstance;
  let viewer: BrowserSession;
  let stranger: BrowserSession;

  beforeAll(async () => {
    // CVE-2023-22485 has an EPSS score (and no record): the detail shows it. So has CVE-2024-0001,
    // which nothing names.
    const reader = memoryVulnDb({
      advisories: [rsec8, rubysec],
      epss: [
        { cve: 'CVE-2023-22485', epss: 0.0123, percentile: 0.456 },
        { cve: 'CVE-2024-0001', epss: 0.5, percentile: 0.99 },
      ],
      epssDate: '2026-11-30',
    });
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(reader) }));
    const t = await seedTenant(env().ctx);
    const other = await seedTenant(env().ctx);
    const editor = await browserLogin(app, t.emails.editor, strongPassword);
    viewer = await browserLogin(app, t.emails.viewer, strongPassword);
    stranger = await browserLogin(app, other.emails.admin, strongPassword);
    const product = (await editor.request('POST', '/api/v1/products', productInput())).json<{ id: string }>();
    const boms: [string, string][] = [
      [
        '1.0.0',
        sbom([
          ['commonmark', '1.8', 'pkg:cran/commonmark@1.8'],
          ['commonmarker', '0.23.9', 'pkg:gem/commonmarker@0.23.9'],
        ]),
      ],
      [
        '1.1.0',
        sbom([
          ['commonmark', '1.9.2', 'pkg:cran/commonmark@1.9.2'],
          ['commonmarker', '0.23.9', 'pkg:gem/commonmarker@0.23.9'],
        ]),
      ],
    ];
    for (const [version, bom] of boms) {
      const release = (
        await editor.request('POST', `/api/v1/products/${product.id}/releases`, {
          version,
          releaseDate: '2026-04-01',
          stage: 'support',
        })
      ).json<{ id: string }>().id;
      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/releases/${release}/sboms?fileName=bom.json`,
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' },
        payload: bom,
      });
      if (up.statusCode !== 201) throw new Error(up.body);
      const analysed = await editor.request('POST', `/api/v1/releases/${release}/analyze`);
      if (analysed.statusCode !== 200) throw new Error(analysed.body);
    }
  });
  afterAll(async () => app.close());

  const rows = (a: Affected) =>
    a.items.map((r) => [r.releaseVersion, r.componentName, r.vulnerabilityId, r.via]);

  it('lists the releases affected through the record naming an id that has no record of its own', async () => {
    const res = await viewer.request('GET', '/api/v1/affected-by/cve-2023-22486');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json<Affected>();
    expect(a).toMatchObject({ ids: ['cve-2023-22486'], relatedBy: ['RSEC-2023-8'] });
    expect(rows(a)).toEqual([['1.0.0', 'commonmark', 'RSEC-2023-8', 'RSEC-2023-8']]);
  });

  it('lists its own findings without via and the related ones with it', async () => {
    const a = (await viewer.request('GET', '/api/v1/affected-by/GHSA-7vh7-fw88-wj87')).json<Affected>();
    expect(a).toMatchObject({
      ids: ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87', 'x_RUBYSEC-commonmarker-CVE-2023-37463'],
      relatedBy: ['RSEC-2023-8'],
    });
    expect(rows(a)).toEqual([
      ['1.0.0', 'commonmark', 'RSEC-2023-8', 'RSEC-2023-8'],
      ['1.0.0', 'commonmarker', 'CVE-2023-37463', null],
      ['1.1.0', 'commonmarker', 'CVE-2023-37463', null],
    ]);
    // The record itself: its own findings, nobody names it as related.
    const own = (await viewer.request('GET', '/api/v1/affected-by/RSEC-2023-8')).json<Affected>();
    expect(own.relatedBy).toEqual([]);
    expect(rows(own)).toEqual([['1.0.0', 'commonmark', 'RSEC-2023-8', null]]);
  });

  it('stays within the organisation, and an id nobody names is still not found', async () => {
    expect(
      (await stranger.request('GET', '/api/v1/affected-by/CVE-2023-22486')).json<Affected>(),
    ).toMatchObject({ relatedBy: ['RSEC-2023-8'], items: [] });
    const unknown = await viewer.request('GET', '/api/v1/affected-by/CVE-2023-22487');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'vulnerability.not_found' });
  });

  interface Detail extends Omit<Affected, 'ids'> {
    id: string;
    aliases: string[];
    summary: string | null;
    severity: string;
    records: { id: string; source: string }[];
    epss: { score: number; percentile: number; date: string } | null;
    kev: unknown;
    affected: Affected['items'];
    affectedTotal: number;
  }
  const detailRows = (d: Detail) =>
    d.affected.map((r) => [r.releaseVersion, r.componentName, r.vulnerabilityId, r.via]);

  it('details an id that has no record of its own: the records naming it and the releases affected through them', async () => {
    const res = await viewer.request('GET', '/api/v1/vulnerabilities/cve-2023-22486');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Detail>();
    expect(d).toMatchObject({
      id: 'CVE-2023-22486',
      aliases: [],
      summary: null,
      severity: 'unknown',
      records: [],
      relatedBy: ['RSEC-2023-8'],
      epss: null,
      kev: null,
      affectedTotal: 1,
    });
    expect(detailRows(d)).toEqual([['1.0.0', 'commonmark', 'RSEC-2023-8', 'RSEC-2023-8']]);
    // Its EPSS score when the database has one.
    const scored = (await viewer.request('GET', '/api/v1/vulnerabilities/CVE-2023-22485')).json<Detail>();
    expect(scored).toMatchObject({
      id: 'CVE-2023-22485',
      records: [],
      relatedBy: ['RSEC-2023-8'],
      epss: { score: 0.0123, percentile: 0.456, date: '2026-11-30' },
    });
    expect(detailRows(scored)).toEqual([['1.0.0', 'commonmark', 'RSEC-2023-8', 'RSEC-2023-8']]);
  });

  it('details an id with a record of its own with the records naming it too, and their releases with via', async () => {
    const d = (await viewer.request('GET', '/api/v1/vulnerabilities/GHSA-7vh7-fw88-wj87')).json<Detail>();
    expect(d).toMatchObject({
      id: 'CVE-2023-37463',
      records: [{ id: 'x_RUBYSEC-commonmarker-CVE-2023-37463', source: 'osv' }],
      relatedBy: ['RSEC-2023-8'],
      affectedTotal: 3,
    });
    expect(detailRows(d)).toEqual([
      ['1.0.0', 'commonmark', 'RSEC-2023-8', 'RSEC-2023-8'],
      ['1.0.0', 'commonmarker', 'CVE-2023-37463', null],
      ['1.1.0', 'commonmarker', 'CVE-2023-37463', null],
    ]);
    const own = (await viewer.request('GET', '/api/v1/vulnerabilities/RSEC-2023-8')).json<Detail>();
    expect(own).toMatchObject({ id: 'RSEC-2023-8', relatedBy: [] });
    expect(detailRows(own)).toEqual([['1.0.0', 'commonmark', 'RSEC-2023-8', null]]);
  });

  it('details within the organisation, and an id nobody names is still not found', async () => {
    const theirs = await stranger.request('GET', '/api/v1/vulnerabilities/CVE-2023-22486');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json<Detail>()).toMatchObject({
      relatedBy: ['RSEC-2023-8'],
      affected: [],
      affectedTotal: 0,
    });
    // Known to the database by its EPSS score alone (as the affected-by question knows it).
    const scored = await viewer.request('GET', '/api/v1/vulnerabilities/cve-2024-0001');
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json<Detail>()).toMatchObject({
      id: 'CVE-2024-0001',
      records: [],
      relatedBy: [],
      epss: { score: 0.5, percentile: 0.99 },
      affected: [],
    });
    const unknown = await viewer.request('GET', '/api/v1/vulnerabilities/CVE-2023-22487');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'vulnerability.not_found' });
  });
});
