/**
 * The findings monitor on both dialects (ADR 0015): an analysis queued after an inventory change
 * runs once however often it was asked for, in the organisation's name as `system:analysis`; a
 * change of the vulnerability database brings every organisation behind it up to date; work never
 * runs two at a time; a failure does not stop the queue; without automatic work nothing is queued.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { releaseWithSbom, seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { recordingLog, testVulnDb, vulnDbAfter, vulnDbBefore } from '../../test/support/vulns.js';
import { analysisRulesRevision } from '../core/vulns/analysis-rules.js';
import { organizationsBehind } from '../store/repositories/findings.js';
import type { VulnDbReader } from '../vulndb/reader.js';
import { listAudit } from './audit.js';
import type { ServiceContext } from './context.js';
import { findingsMonitor } from './findings-monitor.js';
import { analyzeRelease, listReleaseFindings } from './findings.js';
import { setReleaseArchived } from './releases.js';
import { uploadSbom } from './sboms.js';
import type { VulnDbSource } from './vulndb-source.js';

const page = { limit: 50, offset: 0 };

/** A source whose database can be swapped, as `feeds import` in another process moves it on. */
function switchableSource(initial: VulnDbReader | null): VulnDbSource & { set(reader: VulnDbReader | null): void } {
  let current = initial;
  return { ...testVulnDb(() => current, '(test)'), set: (r) => (current = r) };
}

describeEachDialect('Findings monitor', (env) => {
  let t: Tenant;
  let other: Tenant;

  const analyses = async (ctx: ServiceContext, tenant: Tenant, releaseId: string) => {
    const audit = await listAudit(ctx, tenant.admin, { entityType: 'release' }, { limit: 100, offset: 0 });
    if (!audit.ok) throw new Error('audit');
    return audit.value.items.filter((e) => e.action === 'findings.analyze' && e.entityId === releaseId);
  };

  beforeAll(async () => {
    const { ctx } = env();
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
  });

  it('analyses a release once however often it is asked while waiting, as system:analysis', async () => {
    const { ctx } = env();
    const releaseId = await releaseWithSbom(ctx, t, '1.0.0');
    const log = recordingLog();
    const monitor = findingsMonitor(ctx, switchableSource(vulnDbBefore()), { automatic: true, checkSeconds: 60, log });
    expect(monitor.pending(releaseId)).toBe(false);
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    expect(monitor.pending(releaseId)).toBe(true);
    await monitor.idle();
    expect(monitor.pending(releaseId)).toBe(false);

    const done = await analyses(ctx, t, releaseId);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ actorName: 'system:analysis' });
    const list = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
    expect(list.ok && list.value.page.items.map((f) => f.vulnerabilityId).sort()).toEqual(['CVE-2021-23337', 'CVE-2021-31571', 'CVE-2024-35195']);
    expect(list.ok && list.value.analysis?.seq).toBe(4);
    expect(log.lines.filter((l) => l.level !== 'info')).toEqual([]);

    // Asked again once the first has started: a second analysis follows (the inventory may have
    // changed after the first one read it).
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    await monitor.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(2);
    await monitor.stop();
  });

  it('analyses again, once, a release last analysed under older analysis rules', async () => {
    const { ctx } = env();
    const releaseId = await releaseWithSbom(ctx, t, '5.0.0');
    const monitor = findingsMonitor(ctx, switchableSource(vulnDbBefore()), { automatic: true, checkSeconds: 60 });
    await monitor.check();
    await monitor.idle();
    const revision = async () =>
      Number((await ctx.store.db.selectFrom('release_analyses').select('rules_revision').where('release_id', '=', releaseId).executeTakeFirstOrThrow()).rules_revision);
    expect(await revision()).toBe(analysisRulesRevision);
    const before = (await analyses(ctx, t, releaseId)).length;
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(before);

    // As after an upgrade that changed the rules (migration 0021 gives existing analyses 0).
    await ctx.store.db.updateTable('release_analyses').set({ rules_revision: 0 }).where('release_id', '=', releaseId).execute();
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(before + 1);
    expect(await revision()).toBe(analysisRulesRevision);
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(before + 1);
    await monitor.stop();
  });

  it('says once in the log that the database cannot be used, and again when it can', async () => {
    const { ctx } = env();
    let problem: string | null = 'vulndb.sqlite has vulnerability database schema 3, older than this mamori uses (4).';
    let reader: VulnDbReader | null = null;
    const source: VulnDbSource = { path: '/data/vulndb.sqlite', reader: () => reader, problem: () => problem, close: () => undefined };
    const log = recordingLog();
    const monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60, log });
    await monitor.check();
    await monitor.check();
    expect(log.lines).toEqual([
      { level: 'warn', msg: 'vulnerability database not usable: automatic analysis paused', obj: { path: '/data/vulndb.sqlite', reason: problem } },
    ]);
    problem = null;
    reader = vulnDbBefore();
    await monitor.check();
    await monitor.idle();
    expect(log.lines[1]).toMatchObject({ level: 'info', msg: 'vulnerability database usable again: automatic analysis resumed' });
    await monitor.stop();
  });

  it('brings every organisation behind the database up to date, and only those', async () => {
    const { ctx } = env();
    const mine = await releaseWithSbom(ctx, t, '2.0.0');
    const theirs = await releaseWithSbom(ctx, other, '2.0.0');
    const source = switchableSource(vulnDbBefore());
    for (const [tenant, id] of [[t, mine], [other, theirs]] as const) {
      const a = await analyzeRelease(ctx, tenant.editor, source, id);
      if (!a.ok) throw new Error(JSON.stringify(a.error));
    }
    const monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60 });
    // Nothing changed since the analyses: nothing to do.
    expect(await organizationsBehind(ctx.store.db, 4)).toEqual([]);
    await monitor.check();
    await monitor.idle();
    const refreshes = async (tenant: Tenant) => {
      const audit = await listAudit(ctx, tenant.admin, { entityType: 'organization' }, { limit: 50, offset: 0 });
      return audit.ok ? audit.value.items.filter((e) => e.action === 'findings.refresh') : [];
    };
    expect(await refreshes(t)).toHaveLength(0);

    // `feeds import` moved the database on to change 7: both organisations are re-analysed once.
    source.set(vulnDbAfter());
    expect((await organizationsBehind(ctx.store.db, 7)).sort()).toEqual([t.editor.organizationId, other.editor.organizationId].sort());
    await monitor.check();
    await monitor.check();
    await monitor.idle();
    for (const tenant of [t, other]) {
      const done = await refreshes(tenant);
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ actorName: 'system:refresh' });
    }
    const list = await listReleaseFindings(ctx, t.viewer, mine, { status: 'all' }, page);
    expect(list.ok && list.value.page.items.find((f) => f.vulnerabilityId === 'CVE-2021-23337')).toMatchObject({ severity: 'high', computedAtSeq: 7 });
    expect(await organizationsBehind(ctx.store.db, 7)).toEqual([]);
    await monitor.stop();
  });

  it('analyses inventories not analysed as they stand: never analysed, or a newer SBOM since', async () => {
    const { ctx } = env();
    const tenant = await seedTenant(ctx);
    const fresh = await releaseWithSbom(ctx, tenant, '5.0.0');
    const archived = await releaseWithSbom(ctx, tenant, '5.0.1');
    const a = await setReleaseArchived(ctx, tenant.editor, archived, true);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    const monitor = findingsMonitor(ctx, switchableSource(vulnDbBefore()), { automatic: true, checkSeconds: 60 });
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, tenant, fresh)).toHaveLength(1);
    expect(await analyses(ctx, tenant, archived)).toHaveLength(0);
    // Analysed as it stands: nothing more to do.
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, tenant, fresh)).toHaveLength(1);
    // A newer SBOM (uploaded without the server's route, as the CLI's local commands would): analysed again.
    const u = await uploadSbom(ctx, tenant.editor, fresh, { bytes: new TextEncoder().encode(smallSbom.toString('utf8').replaceAll('4.17.20', '4.17.21')), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error('upload');
    await monitor.check();
    await monitor.idle();
    expect(await analyses(ctx, tenant, fresh)).toHaveLength(2);
    await monitor.stop();
  });

  it('runs one task at a time, and a failed task does not stop the queue', async () => {
    const { ctx } = env();
    const log = recordingLog();
    const monitor = findingsMonitor(ctx, switchableSource(null), { automatic: true, checkSeconds: 60, log });
    const order: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => async () => {
      running += 1;
      expect(running).toBe(1);
      order.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`end ${name}`);
      running -= 1;
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const results = await Promise.allSettled([monitor.run(task('a')), monitor.run(task('b', true)), monitor.run(task('c'))]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    // Without a vulnerability database nothing is queued, and nothing is logged as a problem.
    monitor.analyseSoon(t.editor.organizationId, 'no-such-release');
    expect(monitor.pending('no-such-release')).toBe(false);
    await monitor.check();
    await monitor.stop();
    expect(log.lines).toEqual([]);
  });

  it('logs an analysis that fails and goes on with the next', async () => {
    const { ctx } = env();
    const releaseId = await releaseWithSbom(ctx, t, '3.0.0');
    const log = recordingLog();
    const broken: VulnDbReader = new Proxy(vulnDbBefore(), {
      get(target, prop, receiver) {
        if (prop === 'packageRecords' || prop === 'packageRecordsIfKnown' || prop === 'hasPackage') return () => {
          throw new Error('disk gone');
        };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const source = switchableSource(broken);
    const monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60, log });
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    await monitor.idle();
    expect(log.lines).toMatchObject([{ level: 'error', msg: 'automatic analysis failed', obj: { releaseId } }]);
    expect(monitor.pending(releaseId)).toBe(false);

    source.set(vulnDbBefore());
    monitor.analyseSoon(t.editor.organizationId, releaseId);
    await monitor.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(1);
    await monitor.stop();
  });

  it('queues nothing when automatic work is off, and drops what waits when stopped', async () => {
    const { ctx } = env();
    const releaseId = await releaseWithSbom(ctx, t, '4.0.0');
    const off = findingsMonitor(ctx, switchableSource(vulnDbAfter()), { automatic: false, checkSeconds: 60 });
    off.analyseSoon(t.editor.organizationId, releaseId);
    expect(off.pending(releaseId)).toBe(false);
    off.start();
    await off.check();
    await off.idle();
    expect(await analyses(ctx, t, releaseId)).toHaveLength(0);
    await off.stop();

    const on = findingsMonitor(ctx, switchableSource(vulnDbAfter()), { automatic: true, checkSeconds: 60 });
    let release!: () => void;
    const blocker = on.run(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    on.analyseSoon(t.editor.organizationId, releaseId);
    expect(on.pending(releaseId)).toBe(true);
    const stopped = on.stop();
    release();
    await blocker;
    await stopped;
    expect(on.pending(releaseId)).toBe(false);
    expect(await analyses(ctx, t, releaseId)).toHaveLength(0);
  });

  it('checks at once on start and then every checkSeconds, holding the lease; another process waits for it', async () => {
    const { ctx } = env();
    let checks = 0;
    const source = testVulnDb(() => {
      checks += 1;
      return null;
    }, '(test)');
    const a = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60 });
    a.start();
    a.start();
    await expect.poll(() => checks).toBe(1);
    // Another server process on the same database: the lease is taken, so it does not check.
    const b = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60 });
    expect(await b.tick()).toBe(false);
    expect(checks).toBe(1);
    expect(await a.tick()).toBe(true);
    expect(checks).toBe(2);
    // Stopping gives the lease back: the other process takes over at its next check.
    await a.stop();
    expect(await b.tick()).toBe(true);
    expect(checks).toBe(3);
    // A holder that stopped renewing (a crashed node) is replaced once its lease has lapsed.
    const later = { ...ctx, clock: () => new Date(Date.now() + 181_000) };
    const c = findingsMonitor(later, source, { automatic: true, checkSeconds: 60 });
    const soon = { ...ctx, clock: () => new Date(Date.now() + 1_000) };
    expect(await findingsMonitor(soon, source, { automatic: true, checkSeconds: 60 }).tick()).toBe(false);
    expect(await c.tick()).toBe(true);
    await b.stop();
    await c.stop();
  });
});
