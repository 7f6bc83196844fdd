/**
 * Where the server's files lie is the operator's business (QA auditor report 7; the feeds status
 * already tells the database's path to admins only). The problems that name a server path — no
 * vulnerability database yet, one that cannot be used, one behind the findings' (this node's file
 * and the other node's), Chromium missing for a PDF — reach admins as they are and every other role
 * as the same error (code, status, reasons) without the path: through inject() with API tokens, on
 * SQLite and PostgreSQL.
 */
import os from 'node:os';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, tokenFor } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { vulnDbAfter, vulnDbBefore } from '../../test/support/vulns.js';
import { exportCompliance } from '../services/compliance.js';
import type { VulnDbSource } from '../services/vulndb-source.js';
import type { VulnDbReader } from '../vulndb/reader.js';
import { problemBody } from './problem.js';

const fileA = '/srv/node-a/data/vulndb.sqlite';
const fileB = '/srv/node-b/data/vulndb.sqlite';

const bom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  components: [
    {
      type: 'library',
      'bom-ref': 'lodash',
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
    },
  ],
});

interface Problem {
  status: number;
  code: string;
  detail: string;
  details?: Record<string, unknown>;
}

describeEachDialect('Server paths in problems', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let admin: string;
  let editor: string;
  let releaseId: string;
  // The node's database as the test sets it: its file, what it reads, why it cannot be used.
  let file = fileA;
  let reader: VulnDbReader | null = null;
  let problem: string | null = null;
  const source: VulnDbSource = {
    get path() {
      return file;
    },
    reader: () => reader,
    problem: () => problem,
    close: () => undefined,
  };

  const as = (token: string, method: 'GET' | 'POST', url: string, payload?: string) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });
  const analyse = (token: string) => as(token, 'POST', `/api/v1/releases/${releaseId}/analyze`);
  const refresh = (token: string) => as(token, 'POST', '/api/v1/findings/refresh');
  const problemOf = (res: LightMyRequestResponse): Problem => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.json<Problem>();
  };

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: source }));
    t = await seedTenant(env().ctx);
    admin = await tokenFor(env().ctx, t.admin);
    editor = await tokenFor(env().ctx, t.editor);
    const product = (await as(admin, 'POST', '/api/v1/products', JSON.stringify(productInput()))).json<{
      id: string;
    }>();
    const release = await as(
      admin,
      'POST',
      `/api/v1/products/${product.id}/releases`,
      JSON.stringify({ version: '1.0.0', releaseDate: '2026-04-01', stage: 'support' }),
    );
    releaseId = release.json<{ id: string }>().id;
    const up = await as(admin, 'POST', `/api/v1/releases/${releaseId}/sboms?fileName=bom.json`, bom);
    if (up.statusCode !== 201) throw new Error(up.body);
  });
  afterAll(async () => app.close());

  it('no vulnerability database yet: the path for admins, the same refusal without it for editors', async () => {
    for (const res of [await analyse(editor), await refresh(editor)]) {
      expect(res.statusCode).toBe(409);
      expect(res.body).not.toContain('/srv');
      expect(problemOf(res)).toEqual({
        type: 'urn:mamori:problem:vulndb.missing',
        title: 'Conflict',
        status: 409,
        code: 'vulndb.missing',
        detail:
          'No vulnerability database on the server yet: an administrator of the server imports the feeds first.',
      });
    }
    const res = await analyse(admin);
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({
      code: 'vulndb.missing',
      detail: `No vulnerability database at ${fileA}: import feeds first (mamori feeds import PATH).`,
      details: { path: fileA },
    });
  });

  it('a database that cannot be used: its reason in words for editors, as it is for admins', async () => {
    problem = `${fileA} has vulnerability database schema 5, older than this mamori uses (6); upgrade it once with \`mamori feeds status --vuln-db ${fileA}\` (it shows its progress)`;
    try {
      const res = await analyse(editor);
      expect(res.statusCode).toBe(409);
      expect(res.body).not.toContain('/srv');
      const told = problemOf(res);
      expect(told).toMatchObject({
        code: 'vulndb.unusable',
        detail:
          'the vulnerability database file has vulnerability database schema 5, older than this mamori uses (6); upgrade it once with `mamori feeds status --vuln-db the vulnerability database file` (it shows its progress)',
      });
      expect(told.details).toBeUndefined();
      expect(problemOf(await analyse(admin))).toMatchObject({
        code: 'vulndb.unusable',
        detail: problem,
        details: { path: fileA },
      });
    } finally {
      problem = null;
    }
  });

  it("a node whose database is behind the findings': the host for editors, the files for admins", async () => {
    // Node A analyses with its full file …
    reader = vulnDbAfter();
    file = fileA;
    const first = await analyse(admin);
    expect(first.statusCode, first.body).toBe(200);
    const seq = reader.lastSeq();
    // … node B, with an older copy, must not.
    reader = vulnDbBefore();
    file = fileB;
    const reasons = [`change log at #${reader.lastSeq()}, the findings at #${seq}`];
    const host = os.hostname();
    for (const res of [await analyse(editor), await refresh(editor)]) {
      expect(res.statusCode).toBe(409);
      expect(res.body).not.toContain('/srv');
      expect(problemOf(res)).toEqual({
        type: 'urn:mamori:problem:vulndb.behind',
        title: 'Conflict',
        status: 409,
        code: 'vulndb.behind',
        detail: `This node's vulnerability database is behind the one the findings were computed with (${host}, change #${seq}): ${reasons[0]}. Every node must use the same vulnerability database file (mamori feeds install of the same file, or one shared path); nothing was analysed.`,
        details: { basisNode: host, basisSeq: seq, reasons },
      });
    }
    const res = await analyse(admin);
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({
      code: 'vulndb.behind',
      detail: `This node's vulnerability database (${fileB}) is behind the one the findings were computed with (${host}:${fileA}, change #${seq}): ${reasons[0]}. Every node must use the same vulnerability database file (mamori feeds install of the same file, or one shared path); nothing was analysed.`,
      details: { path: fileB, basisNode: `${host}:${fileA}`, basisSeq: seq, reasons },
    });
  });

  describe('PDF export without Chromium', () => {
    it('names where Chromium was looked for to admins only', async () => {
      const result = await exportCompliance(
        env().ctx,
        t.editor,
        null,
        { format: 'pdf', lang: 'en', document: 'gap' },
        { vulnDbPath: null, chromiumPath: '/srv/tools/chromium' },
      );
      if (result.ok) throw new Error('exported without Chromium');
      expect(problemBody(result.error, true)).toMatchObject({ code: 'internal.error' });
      expect(problemBody(result.error, true).detail).toContain('/srv/tools/chromium');
      expect(problemBody(result.error, false)).toEqual({
        type: 'urn:mamori:problem:internal.error',
        title: 'Internal error',
        status: 500,
        code: 'internal.error',
        detail:
          'PDF export needs Chromium, which is not installed on the server: an administrator of the server installs it.',
      });
    });
  });
});
