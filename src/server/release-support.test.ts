/**
 * The FDA support table of a release through the API: the JSON table, the CSV (byte order mark,
 * quoting, formula injection guarded), the PDF, in Japanese and English; an auditor (viewer) reads
 * it, other organisations and unknown releases get 404, and each download is in the audit log.
 */
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedRelease, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { smallSbom } from '../../test/support/fixtures.js';

interface Table {
  asOf: string;
  rows: { name: string; version: string | null; supportLevel: string | null; knownLevel: string | null; supportLevelText: { en: string; ja: string }; endOfSupport: string | null; status: string; origin: string }[];
  summary: { total: number; withoutInformation: number; pastEndOfSupport: number; byStatus: Record<string, number> };
}

describeEachDialect('release support table API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let outsider: BrowserSession;
  let releaseId: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ editor, viewer, outsider } = await tenantSessions(app, env().ctx, ['editor', 'viewer'] as const));
    ({ releaseId } = await seedRelease(app, editor, { product: { name: '輸液ポンプ IP-300' }, release: { version: '1.1.0' }, sbom: smallSbom }));
    // A manual component whose text a spreadsheet would run as formulas.
    const added = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, {
      type: 'library', name: '=HYPERLINK("http://evil.example","x")', version: '1.0', supplier: '+cmd|calc', supportLevel: 'abandoned', endOfSupport: '2020-01-31',
    });
    expect(added.statusCode, added.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers the table as JSON to an auditor, with the status decided for the date asked for', async () => {
    const res = await viewer.request('GET', `/api/v1/releases/${releaseId}/support?asOf=2026-06-15`);
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json<Table>();
    expect(table.asOf).toBe('2026-06-15');
    expect(table.rows.map((r) => r.name)).toEqual(['=HYPERLINK("http://evil.example","x")', 'FreeRTOS', 'FreeRTOS-Plus-TCP', 'Infusion pump firmware', 'lodash', 'requests']);
    expect(table.rows[0]).toMatchObject({ supportLevel: 'abandoned', knownLevel: 'abandoned', supportLevelText: { en: 'abandoned', ja: '放棄' }, status: 'past_end_of_support', origin: 'manual' });
    expect(table.rows.find((r) => r.name === 'lodash')).toMatchObject({ endOfSupport: '2030-12-31', status: 'support_level_unknown', origin: 'sbom' });
    expect(table.summary).toMatchObject({ total: 6, withoutInformation: 4, pastEndOfSupport: 1 });
    expect((await viewer.request('GET', `/api/v1/releases/${releaseId}/support?asOf=2026-13-01`)).statusCode).toBe(400);
  });

  it('downloads the CSV with a byte order mark, quoted fields and formulas defused, and records the download', async () => {
    const res = await viewer.request('GET', `/api/v1/releases/${releaseId}/support-report?format=csv&lang=ja&asOf=2026-06-15`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('component-support-輸液ポンプ IP-300-1.1.0.ja.csv')}`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('"コンポーネント名","グループ","バージョン","供給者","purl","CPE","サポートレベル","サポート終了日","状況","由来"');
    // The formula is text: a leading quote, and the quotes inside doubled (RFC 4180).
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")","","1.0","'+cmd|calc","","","放棄","2020-01-31","サポート終了済み","手動"`);
    expect(lines).toContain('"lodash","","4.17.20","OpenJS Foundation","pkg:npm/lodash@4.17.20","","","2030-12-31","サポートレベルが未記録","SBOM"');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 6 + 1);
    const en = await viewer.request('GET', `/api/v1/releases/${releaseId}/support-report?format=csv&lang=en&asOf=2026-06-15`);
    expect(en.body.split('\r\n')[0]).toBe('\ufeff"Component","Group","Version","Supplier","purl","CPE","Support level","End of support","Status","Source"');
    expect(en.body).toContain('"abandoned","2020-01-31","Past end of support","Manual"');
    const audit = await env()
      .ctx.store.db.selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'after_json'])
      .where('action', '=', 'export.download')
      .where('entity_id', '=', releaseId)
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json as string) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ document: 'component_support', format: 'csv', options: { lang: 'ja', asOf: '2026-06-15' }}),
    );
  });

  it('downloads the PDF in Japanese and English', async () => {
    if (!existsSync('/usr/bin/chromium')) return;
    for (const lang of ['ja', 'en']) {
      const pdf = await viewer.request('GET', `/api/v1/releases/${releaseId}/support-report?format=pdf&lang=${lang}`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain(encodeURIComponent(`.${lang}.pdf`));
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 60_000);

  it('refuses unknown releases, other organisations and unknown formats', async () => {
    const unknown = '0190f0f0-0000-7000-8000-000000000000';
    for (const path of ['support', 'support-report?format=csv']) {
      const res = await viewer.request('GET', `/api/v1/releases/${unknown}/${path}`);
      expect(res.statusCode).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('release.not_found');
      expect((await outsider.request('GET', `/api/v1/releases/${releaseId}/${path}`)).statusCode).toBe(404);
    }
    expect((await viewer.request('GET', `/api/v1/releases/${releaseId}/support-report?format=docx`)).statusCode).toBe(400);
    expect((await viewer.request('GET', `/api/v1/releases/${releaseId}/support-report?lang=fr`)).statusCode).toBe(400);
  });
});
