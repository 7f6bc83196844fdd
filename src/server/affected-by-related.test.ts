/**
 * The affected-by question through inject(), on SQLite and PostgreSQL: an id that a record names as
 * related (RSEC-2023-8's `upstream` list of cmark-gfm CVEs, conformance/advisories/r-rsec; ADR 0010
 * addendum 14) also lists the releases affected through that record, each such row saying `via`
 * which; an id only named that way is found, not 404; the vulnerability's own findings have no `via`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedRelease, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
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
    ({ app } = await testApp(env().ctx, {
      vulnDb: testVulnDb(memoryVulnDb({ advisories: [rsec8, rubysec] })),
    }));
    let editor: BrowserSession;
    ({ editor, viewer, outsider: stranger } = await tenantSessions(app, env().ctx, ['editor', 'viewer']));
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
    // Both releases of one product.
    let productId: string | undefined;
    for (const [version, bom] of boms) {
      const release = { version, releaseDate: '2026-04-01', stage: 'support' };
      ({ productId } = await seedRelease(app, editor, {
        product: productId,
        release,
        sbom: bom,
        analyse: true,
      }));
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
});
