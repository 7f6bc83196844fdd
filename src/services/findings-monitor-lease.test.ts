/**
 * The findings monitor's lease after a crash (QA pgadmin 3; ADR 0015, addendum "a restarted node"),
 * on both dialects: a server restarted after `kill -9` takes over the lease of its dead predecessor
 * on the same host at once, instead of waiting about three minutes for it to lapse; a lease of a
 * live process, of another host or of another container is waited for, and the wait is said once in
 * the log and shown in the feeds status.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { recordingLog, testVulnDb } from '../../test/support/vulns.js';
import { findingsMonitor, monitorLeaseName } from './findings-monitor.js';
import { operatorActor } from './organizations.js';
import { feedsStatus } from './findings.js';
import type { ProcessFacts } from './lease-holder.js';

const source = testVulnDb(null, '(test)');

/** This process as host `h1`, PID 100 in namespace `pid:[1]`; PIDs 98 and 100 run, the others not. */
const facts: ProcessFacts = {
  host: 'h1',
  pidNamespace: 'pid:[1]',
  pid: 100,
  alive: (pid) => pid === 98 || pid === 100,
};

describeEachDialect('Findings monitor lease after a crash', (env) => {
  const leaseUntil = (ctx: { clock(): Date }) => new Date(ctx.clock().getTime() + 180_000).toISOString();

  it.each([
    ['a dead process of this host', 'h1/99/pid:[1]/1d5a', 'h1 pid 99'],
    ['a process with this PID (a container restarted)', 'h1/100/pid:[1]/77c0', 'h1 pid 100'],
  ])('takes over at once the lease of %s', async (_what, previous, shown) => {
    const { ctx } = env();
    await ctx.store.db
      .insertInto('monitor_leases')
      .values({ name: monitorLeaseName, holder: previous, expires_at: leaseUntil(ctx) })
      .execute();
    const log = recordingLog();
    const monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60, log, process: facts });
    expect(await monitor.tick()).toBe(true);
    expect(log.messages).toEqual([
      `took over the analysis lease of ${shown}, a process of this host that is gone`,
    ]);
    const row = await ctx.store.db
      .selectFrom('monitor_leases')
      .selectAll()
      .where('name', '=', monitorLeaseName)
      .executeTakeFirstOrThrow();
    expect(row.holder).toMatch(/^h1\/100\/pid:\[1\]\/[0-9a-f-]{36}$/);
    await monitor.stop();
  });

  it.each([
    ['a live process of this host', 'h1/98/pid:[1]/aa', 'h1 pid 98'],
    ['a process of another host', 'h2/99/pid:[1]/bb', 'h2 pid 99'],
    ['a process of another container on this host', 'h1/99/pid:[2]/cc', 'h1 pid 99'],
    [
      'a holder named before hosts were recorded',
      '0f7c3d1e-3b0c-4c39-9d8e-4c1b7f1d2a11',
      '0f7c3d1e-3b0c-4c39-9d8e-4c1b7f1d2a11',
    ],
  ])('waits for the lease of %s, says so once and shows it', async (_what, holder, shown) => {
    const { ctx } = env();
    const until = leaseUntil(ctx);
    await ctx.store.db
      .insertInto('monitor_leases')
      .values({ name: monitorLeaseName, holder, expires_at: until })
      .execute();
    const log = recordingLog();
    const monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60, log, process: facts });
    expect(await monitor.tick()).toBe(false);
    expect(await monitor.tick()).toBe(false);
    expect(log.messages).toEqual([`waiting for the analysis lease held by ${shown} until ${until}`]);
    expect(feedsStatus(source, operatorActor('01900000-0000-7000-8000-000000000000', 'test'), monitor, ctx.clock()).autoAnalysis).toEqual({
      checkSeconds: 60,
      waitingForLease: { holder: shown, until },
    });
    // Once it lapses, the lease is taken and the wait is over.
    const later = { ...ctx, clock: () => new Date(Date.parse(until) + 1000) };
    const next = findingsMonitor(later, source, { automatic: true, checkSeconds: 60, process: facts });
    expect(await next.tick()).toBe(true);
    expect(next.state().waitingForLease).toBeNull();
    await next.stop();
    await monitor.stop();
  });
});
