/**
 * Concurrent writers never fail with "database is locked" / busy errors: many requests at once in
 * one server (both dialects), and several processes writing to one SQLite file at once.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, openTestEnv, type TestEnv } from '../../test/support/databases.js';
import { browserLogin, testApp } from '../../test/support/app.js';
import { productInput, seedTenant, strongPassword } from '../../test/support/fixtures.js';
import { verifyAuditChain } from './audit.js';
import { listProducts } from './products.js';

describeEachDialect('parallel requests', (env) => {
  it('50 simultaneous product creations through the API all succeed and chain the audit log', async () => {
    const { app } = await testApp(env().ctx);
    const t = await seedTenant(env().ctx);
    const s = await browserLogin(app, t.emails.editor, strongPassword);
    const results = await Promise.all(Array.from({ length: 50 }, () => s.request('POST', '/api/v1/products', productInput())));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect((await verifyAuditChain(env().ctx)).problem).toBeNull();
    await app.close();
  });
});

describe('parallel writer processes on one SQLite file', () => {
  let env: TestEnv & { close(): Promise<void> };
  beforeAll(async () => {
    env = await openTestEnv('sqlite');
  });
  afterAll(async () => env.close());

  it('3 processes × 30 writes: none fails, the audit chain stays intact', async () => {
    const t = await seedTenant(env.ctx);
    const writer = fileURLToPath(new URL('../../test/support/writer.ts', import.meta.url));
    const run = (tag: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', writer, env.url, t.organizationId, '30', tag], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all(['a', 'b', 'c'].map(run));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const all = await listProducts(env.ctx, t.admin, { archived: 'include' }, { limit: 500, offset: 0 });
    expect(all.ok && all.value.total).toBe(90);
    expect((await verifyAuditChain(env.ctx)).problem).toBeNull();
  }, 60_000);
});
