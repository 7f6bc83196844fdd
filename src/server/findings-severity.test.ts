/**
 * The severity filter of a release's findings through inject(): "none" and "unknown" filter like the
 * scored severities, alone and with others (the web app offers all six, as the organisation list does).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, seedRelease, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, smallSbom } from '../../test/support/fixtures.js';
import { osv, testVulnDb } from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';

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
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(vulnDb) }));
    editor = await loginAs(app, await seedTenant(env().ctx), 'editor');
    ({ releaseId } = await seedRelease(app, editor, { sbom: smallSbom, analyse: true }));
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
