/**
 * The severity filter of a release's findings through inject(): "none" and "unknown" filter like the
 * scored severities, alone and with others (the web app offers all six, as the organisation list does).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserLogin, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, strongPassword } from '../../test/support/fixtures.js';
import { osv } from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';
import { buildApp } from './app.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url));
const range = (fixed: string) => [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }];

/** lodash: a record without any score (severity unknown); requests: CVSS 3.1 base score 0.0 (none). */
const vulnDb = memoryVulnDb({
  advisories: [
    osv({
      id: 'GHSA-unkn-own0-0000',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
    }),
    osv({
      id: 'GHSA-none-zero-0000',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N' }],
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: range('2.32.0') }],
    }),
  ],
});

describeEachDialect('Findings API: severity none and unknown', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let releaseId: string;

  beforeAll(async () => {
    app = await buildApp(
      {
        cookieSecure: false,
        trustProxy: false,
        loginAttemptsPerMinute: 1000,
        webRoot: '/nonexistent',
        logLevel: 'silent',
        sbomMaxBytes: 1024 * 1024,
      },
      env().ctx,
      {
        logger: false,
        vulnDb: {
          path: '/data/vulndb.sqlite',
          reader: () => vulnDb,
          problem: () => null,
          close: () => undefined,
        },
      },
    );
    await app.ready();
    const t = await seedTenant(env().ctx);
    editor = await browserLogin(app, t.emails.editor, strongPassword);
    const product = (await editor.request('POST', '/api/v1/products', productInput())).json<{ id: string }>();
    releaseId = (
      await editor.request('POST', `/api/v1/products/${product.id}/releases`, { version: '1.0.0' })
    ).json<{ id: string }>().id;
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/releases/${releaseId}/sboms?fileName=bom.json`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' },
      payload: fixture,
    });
    if (up.statusCode !== 201) throw new Error(up.body);
    const analysed = await editor.request('POST', `/api/v1/releases/${releaseId}/analyze`);
    if (analysed.statusCode !== 200) throw new Error(analysed.body);
  });
  afterAll(async () => app.close());

  const ids = async (severity: string) => {
    const res = await editor.request('GET', `/api/v1/releases/${releaseId}/findings?severity=${severity}`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json<{ items: { vulnerabilityId: string; severity: string }[] }>()
      .items.map((f) => `${f.vulnerabilityId} ${f.severity}`);
  };

  it('filters on none and on unknown', async () => {
    expect(await ids('none,low,medium,high,critical,unknown')).toHaveLength(2);
    expect(await ids('unknown')).toEqual(['GHSA-unkn-own0-0000 unknown']);
    expect(await ids('none')).toEqual(['GHSA-none-zero-0000 none']);
    expect((await ids('none,unknown')).sort()).toEqual([
      'GHSA-none-zero-0000 none',
      'GHSA-unkn-own0-0000 unknown',
    ]);
    expect(await ids('critical,high,medium,low')).toEqual([]);
  });
});
