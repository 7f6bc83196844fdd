/**
 * Bulk status change, catalog entries and triage suggestions through inject(): POST /compliance/:scope/assessments/bulk
 * stores all items or none (problem+json naming each invalid item), works for the organisation scope,
 * needs a session (401) and write rights (403), and another organisation's product is not found.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedProduct, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';

const IEC = 'iec-81001-5-1@2021';

describeEachDialect('compliance bulk API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let outsider: BrowserSession;
  let productId: string;
  const bulk = (scope: string) => `/api/v1/compliance/${scope}/assessments/bulk`;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ editor, viewer, outsider } = await tenantSessions(app, env().ctx, ['editor', 'viewer']));
    productId = await seedProduct(editor);
  });
  afterAll(async () => app.close());

  it('applies every item and answers with each assessment and where it propagates', async () => {
    const res = await editor.request('POST', bulk(productId), {
      items: [
        { catalog: 'iec-81001-5-1', entry: '5.2.1', status: 'implemented' },
        { catalog: 'iec-81001-5-1', entry: '5.2.2', status: 'not_applicable', justification: 'no own code' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      items: {
        assessment: { catalog: string; entry: string; status: string; applicable: boolean };
        propagatesTo: string[];
      }[];
    }>();
    expect(
      body.items.map((i) => [
        i.assessment.catalog,
        i.assessment.entry,
        i.assessment.status,
        i.assessment.applicable,
      ]),
    ).toEqual([
      [IEC, '5.2.1', 'implemented', true],
      [IEC, '5.2.2', 'not_applicable', false],
    ]);
    const list = await viewer.request('GET', `/api/v1/compliance/${productId}/assessments`);
    expect(
      list
        .json<{ entry: string }[]>()
        .map((a) => a.entry)
        .sort(),
    ).toEqual(['5.2.1', '5.2.2']);
  });

  it('one invalid item: 400 problem+json naming it, nothing stored', async () => {
    const res = await editor.request('POST', bulk(productId), {
      items: [
        { catalog: 'iec-81001-5-1', entry: '7.2', status: 'implemented' },
        { catalog: 'iec-81001-5-1', entry: '7.3', status: 'not_applicable' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; detail: string; issues: { path: string; message: string }[] }>();
    expect(problem.code).toBe('compliance.invalid');
    expect(problem.issues.map((i) => i.path)).toEqual(['items.1.justification']);
    expect(problem.issues[0]!.message).toContain('item 1 (iec-81001-5-1 7.3)');
    expect(problem.detail).toContain('nothing was stored');
    const shape = await editor.request('POST', bulk(productId), {
      items: [{ catalog: 'iec-81001-5-1', entry: '7.2', status: 'done' }],
    });
    expect(shape.statusCode).toBe(400);
    const list = await viewer.request('GET', `/api/v1/compliance/${productId}/assessments`);
    expect(
      list
        .json<{ entry: string }[]>()
        .map((a) => a.entry)
        .sort(),
    ).toEqual(['5.2.1', '5.2.2']);
  });

  it('the organisation scope takes organisation entries', async () => {
    const res = await editor.request('POST', bulk('org'), {
      items: [{ catalog: 'iec-81001-5-1', entry: '4.1.1', status: 'verified' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await viewer.request('GET', '/api/v1/compliance/org/assessments');
    expect(list.json<{ entry: string; productId: string | null }[]>()).toEqual([
      expect.objectContaining({ entry: '4.1.1', productId: null }),
    ]);
  });

  it('401 without a session, 403 for viewers, 404 for another organisation', async () => {
    const payload = { items: [{ catalog: 'iec-81001-5-1', entry: '8', status: 'implemented' }] };
    const anonymous = await app.inject({ method: 'POST', url: bulk(productId), payload });
    expect(anonymous.statusCode).toBe(401);
    expect((await viewer.request('POST', bulk(productId), payload)).statusCode).toBe(403);
    const foreign = await outsider.request('POST', bulk(productId), payload);
    expect([foreign.statusCode, foreign.json<{ code: string }>().code]).toEqual([404, 'product.not_found']);
    const list = await viewer.request('GET', `/api/v1/compliance/${productId}/assessments`);
    expect(list.json<{ entry: string }[]>().some((a) => a.entry === '8')).toBe(false);
  });

  it('gives a catalog’s entries with their parents for the clause tree', async () => {
    const res = await viewer.request('GET', '/api/v1/compliance/catalogs/iec-81001-5-1/entries');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      catalog: string;
      entries: { id: string; parent: string | null; normative: boolean }[];
    }>();
    expect(body.catalog).toBe(IEC);
    expect(body.entries.find((e) => e.id === '5')).toMatchObject({ parent: null, normative: true });
    expect(body.entries.find((e) => e.id === '5.2.1')).toMatchObject({ parent: '5.2' });
    expect(body.entries.find((e) => e.id === 'E')).toMatchObject({ normative: false });
    const unknown = await viewer.request('GET', '/api/v1/compliance/catalogs/nope/entries');
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([
      404,
      'compliance.catalog_not_found',
    ]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/compliance/catalogs/iec-81001-5-1/entries' }))
        .statusCode,
    ).toBe(401);
  });

  it('suggests triage records for 9.2–9.5 (none yet on a product without findings)', async () => {
    const res = await viewer.request('GET', `/api/v1/compliance/${productId}/suggestions`);
    expect(res.statusCode).toBe(200);
    const nine = res
      .json<{ catalog: string; entry: string; recordType: string; available: boolean }[]>()
      // The IEC entries (the FDA catalog's vulnerability-assessment entry is suggested triage decisions too).
      .filter((s) => s.catalog.startsWith('iec-81001-5-1') && s.recordType.startsWith('triage_'));
    expect(nine.map((s) => [s.entry, s.recordType, s.available])).toEqual([
      ['9.2', 'triage_intake', false],
      ['9.3', 'triage_decisions', false],
      ['9.4', 'triage_analysis', false],
      ['9.5', 'triage_responses', false],
    ]);
  });
});
