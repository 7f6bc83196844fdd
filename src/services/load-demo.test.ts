/**
 * The demo content (`mamori demo load`, `serve --demo`) on both dialects: what it creates, the
 * findings its real advisories give (purl and CPE matching, KEV), the triage decisions, that a
 * second load changes nothing, and that a vulnerability database that already holds feeds is left
 * alone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { listProducts } from '../store/repositories/products.js';
import { openVulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import { demoProductNames } from './demo-content.js';
import { loadDemo } from './load-demo.js';
import { triageQueue } from './triage.js';

const vulnDbIn = (dir: string) => path.join(dir, 'vulndb.sqlite');

describeEachDialect('demo content', (env) => {
  let t: Tenant;
  let dir: string;
  let first: Awaited<ReturnType<typeof loadDemo>>;
  const progress: string[] = [];
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-demo-test-'));
    first = await loadDemo(env().ctx, t.operator, {
      vulnDbPath: vulnDbIn(dir),
      onProgress: (l) => progress.push(l),
    });
  });

  it('creates the products, releases and SBOMs, and finds the advisories by purl and by CPE', async () => {
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ loaded: true, feeds: 'imported', triaged: 3 });
    const byRelease = Object.fromEntries(
      first.value.products.flatMap((p) => p.releases.map((r) => [`${p.name} ${r.version}`, r])),
    );
    // 9 SBOM components and the FreeRTOS kernel entered by hand (and the SBOM's primary component).
    expect(byRelease[`${demoProductNames.pump} 3.1.0`]!.components).toBeGreaterThanOrEqual(10);
    expect(Object.fromEntries(Object.entries(byRelease).map(([k, r]) => [k, r.findings]))).toEqual({
      // lodash ×2, requests ×2, log4j-core, and by CPE zlib and OpenSSL 1.1.1k.
      [`${demoProductNames.pump} 3.1.0`]: 7,
      // requests 2.31.0 is still below 2.32.0.
      [`${demoProductNames.pump} 3.2.0`]: 1,
      [`${demoProductNames.samd} 1.4.0`]: 2,
    });
    expect(progress.join('\n')).toMatch(/Importing the demo vulnerability records/);
  });

  it('records the triage decisions, and the Log4Shell finding is known exploited', async () => {
    const products = await listProducts(
      env().ctx.store.db,
      t.organizationId,
      { archived: 'exclude' },
      { limit: 50, offset: 0 },
    );
    expect(products.items.map((p) => p.name).sort()).toEqual(
      [demoProductNames.samd, demoProductNames.pump].sort(),
    );
    if (!first.ok) throw new Error('no demo');
    const pump = await env()
      .ctx.store.db.selectFrom('releases')
      .select(['id', 'version'])
      .where('organization_id', '=', t.organizationId)
      .where('version', '=', '3.1.0')
      .executeTakeFirstOrThrow();
    const queue = await triageQueue(env().ctx, t.viewer, pump.id, { includeClosed: true }, { limit: 500, offset: 0 });
    if (!queue.ok) throw new Error(queue.error.message);
    const of = (cve: string) =>
      queue.value.items.find((q) => q.finding.vulnerabilityId === cve || q.finding.aliases.includes(cve));
    expect(of('CVE-2021-23337')?.decision).toMatchObject({
      state: 'not_affected',
      justification: 'code_not_reachable',
    });
    expect(of('CVE-2021-44228')?.decision).toMatchObject({ state: 'exploitable', responses: ['update'] });
    expect(of('CVE-2021-44228')?.finding).toMatchObject({
      kev: true,
      kevDueDate: '2021-12-24',
      severity: 'critical',
    });
    expect(of('CVE-2022-37434')?.finding.evidence[0]).toMatchObject({
      method: 'nvd-cpe',
      identifier: 'cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*',
      rule: 'cpe-range',
    });
    // OpenSSL 1.1.1k is after 1.1.1 and before 1.1.1n (generic scheme, letter releases).
    expect(of('CVE-2022-0778')?.finding).toMatchObject({
      componentName: 'openssl',
      componentVersion: '1.1.1k',
      severity: 'high',
    });
    expect(of('CVE-2020-28500')?.decision).toBeNull();
  });

  it('changes nothing when loaded again', async () => {
    const again = await loadDemo(env().ctx, t.operator, { vulnDbPath: vulnDbIn(dir) });
    expect(again).toEqual({
      ok: true,
      value: { loaded: false, feeds: 'kept-existing', products: [], triaged: 0 },
    });
    const count = await env()
      .ctx.store.db.selectFrom('products')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organization_id', '=', t.organizationId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('leaves a vulnerability database that already holds feeds alone', async () => {
    const other = await seedTenant(env().ctx);
    const own = mkdtempSync(path.join(os.tmpdir(), 'mamori-demo-own-'));
    const feed = path.join(own, 'one.json');
    writeFileSync(
      feed,
      JSON.stringify({
        id: 'GHSA-aaaa-bbbb-cccc',
        modified: '2026-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }],
      }),
    );
    const db = openVulnDb(vulnDbIn(own));
    await importPath(db, feed);
    db.close();
    const loaded = await loadDemo(env().ctx, other.operator, { vulnDbPath: vulnDbIn(own) });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.feeds).toBe('kept-existing');
    expect(loaded.value.triaged).toBe(0);
    expect(loaded.value.products.flatMap((p) => p.releases.map((r) => r.findings))).toEqual([0, 0, 0]);
    const after = openVulnDb(vulnDbIn(own), { readonly: true });
    try {
      expect(after.status()).toMatchObject({ records: { osv: 1 }, kev: 0 });
    } finally {
      after.close();
    }
  });
});
