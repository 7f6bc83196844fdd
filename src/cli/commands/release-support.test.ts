/** `mamori release support` through run(), against an in-process server, as an auditor (viewer token). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFetch, testApp, tokenFor } from '../../../test/support/app.js';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant, smallSbom } from '../../../test/support/fixtures.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { addManualComponent, uploadSbom } from '../../services/sboms.js';

describe('release support CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let app: FastifyInstance;
  let opts: { env: Record<string, string>; fetch: typeof fetch; cwd: string };
  let dir: string;
  const product = productInput({ name: 'Pump CLI' }).name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: product }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env.ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    if (!(await uploadSbom(env.ctx, t.editor, r.value.id, { bytes: new Uint8Array(smallSbom), fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    const vx = await addManualComponent(env.ctx, t.editor, r.value.id, {
      type: 'operating-system', name: 'VxWorks', version: '7', group: null, supplier: 'Wind River', purl: null, cpe: null, license: null, description: null, supportLevel: '保守終了', endOfSupport: '2026-01-31',
    });
    if (!vx.ok) throw new Error('setup');
    ({ app } = await testApp(env.ctx));
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-support-'));
    opts = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.viewer) }, fetch: injectFetch(app), cwd: dir };
  });
  afterAll(async () => {
    await app.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the table sorted by name with the status in words, and the summary on stderr', async () => {
    const res = await runCli(['release', 'support', '--product', product, '--release', '2.1.0', '--as-of', '2026-06-15'], opts);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^COMPONENT\s+VERSION\s+SUPPLIER\s+PURL \/ CPE\s+SUPPORT LEVEL\s+END OF SUPPORT\s+STATUS\s+SOURCE$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['FreeRTOS', 'FreeRTOS-Plus-TCP', 'Infusion pump firmware', 'lodash', 'requests', 'VxWorks']);
    expect(lines.at(-1)).toMatch(/^VxWorks\s+7\s+Wind River\s+-\s+no longer maintained\s+2026-01-31\s+Past end of support\s+manual$/);
    expect(res.stderr).toContain('6 components as of 2026-06-15: 1 past end of support, 4 without support information');

    const ja = await runCli(['release', 'support', '--product', product, '--release', '2.1.0', '--as-of', '2026-06-15', '--lang', 'ja'], opts);
    expect(ja.stdout).toMatch(/VxWorks\s+7\s+Wind River\s+-\s+保守終了\s+2026-01-31\s+サポート終了済み/);

    const json = await runCli(['release', 'support', '--product', product, '--release', '2.1.0', '--as-of', '2026-01-31', '--format', 'json'], opts);
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as { asOf: string; rows: { name: string; status: string }[] };
    expect(data.asOf).toBe('2026-01-31');
    // On its end-of-support date, support still runs, but the supplier no longer maintains it.
    expect(data.rows.find((r) => r.name === 'VxWorks')?.status).toBe('not_maintained');
  });

  it('writes the CSV (Japanese by default, with its byte order mark); refuses a missing --out, --format, unknown releases and impossible dates', async () => {
    const res = await runCli(['release', 'support-export', '--product', product, '--release', '2.1.0', '--to', 'csv', '--out', 'support.csv'], opts);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^Wrote .*support\.csv \(\d+ bytes\)\./);
    const bytes = readFileSync(path.join(dir, 'support.csv'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('"VxWorks","","7","Wind River","","","保守終了","2026-01-31","サポート終了済み","手動"');

    const noOut = await runCli(['release', 'support-export', '--product', product, '--release', '2.1.0', '--to', 'pdf'], opts);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
    const format = await runCli(['release', 'support-export', '--product', product, '--release', '2.1.0', '--to', 'csv', '--format', 'json', '--out', 'x.csv'], opts);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Choose the document\'s format with --to (csv, pdf, html)');
    const unknown = await runCli(['release', 'support', '--product', product, '--release', '9.9.9'], opts);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no release "9.9.9"');
    const badDate = await runCli(['release', 'support', '--product', product, '--release', '2.1.0', '--as-of', '2026-02-30'], opts);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('YYYY-MM-DD');
  });
});
