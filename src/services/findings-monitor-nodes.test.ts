/**
 * Two server nodes on one platform database, each with its own vulnerability database file (QA
 * pgadmin 1; ADR 0015, addendum "several nodes, several files"), on both dialects. A node whose file
 * holds less than the one the findings were computed with (one feed only) neither takes the lease
 * nor analyses: no finding turns "gone", and none comes back as "new" when the first node returns.
 * Its feeds status says why. Once it gets a copy of the same file it carries on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { releaseWithSbom, seedTenant } from '../../test/support/fixtures.js';
import { importRecords, lodashRecord, recordingLog, requestsRecord } from '../../test/support/vulns.js';
import { installVulnDb } from '../vulndb/install.js';
import { findingsMonitor } from './findings-monitor.js';
import {
  analyzeRelease,
  feedsStatus,
  listReleaseFindings,
  refreshFindings,
  releaseEvents,
} from './findings.js';
import { vulnDbSource } from './vulndb-source.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-monitor-nodes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('Two server nodes with different vulnerability database files', (env) => {
  it('a node whose file lacks a feed neither takes the lease nor turns findings gone; with a copy of the file it carries on', async () => {
    const { ctx } = env();
    const tenant = await seedTenant(ctx);
    const releaseId = await releaseWithSbom(ctx, tenant);
    const active = async () => {
      const list = await listReleaseFindings(ctx, tenant.viewer, releaseId, {}, { limit: 50, offset: 0 });
      if (!list.ok) throw new Error(JSON.stringify(list.error));
      return list.value.page.items.map((f) => f.vulnerabilityId).sort();
    };
    const events = async () => {
      const e = await releaseEvents(ctx, tenant.viewer, releaseId, { limit: 100, offset: 0 });
      if (!e.ok) throw new Error(JSON.stringify(e.error));
      return e.value.items.map((x) => `${x.kind} ${x.vulnerabilityId}`).sort();
    };

    // Node A: the full file (npm and PyPI advisories).
    const fileA = path.join(mkdtempSync(path.join(dir, 'a-')), 'vulndb.sqlite');
    expect(await importRecords(fileA, lodashRecord, requestsRecord())).toBe(2);
    const sourceA = vulnDbSource(fileA);
    const a = findingsMonitor(ctx, sourceA, { automatic: true, checkSeconds: 60 });
    expect(await a.tick()).toBe(true);
    await a.idle();
    expect(await active()).toEqual(['CVE-2021-23337', 'CVE-2024-35195']);
    const before = await events();
    expect(before).toEqual(['new CVE-2021-23337', 'new CVE-2024-35195']);
    // Stopping gives the lease back.
    await a.stop();

    // Node B: its own file, built from the npm advisories only (no PyPI feed).
    const fileB = path.join(mkdtempSync(path.join(dir, 'b-')), 'vulndb.sqlite');
    expect(await importRecords(fileB, lodashRecord)).toBe(1);
    const sourceB = vulnDbSource(fileB);
    const log = recordingLog();
    const b = findingsMonitor(ctx, sourceB, { automatic: true, checkSeconds: 60, log });
    expect(await b.tick()).toBe(false);
    await b.idle();
    expect(await active()).toEqual(['CVE-2021-23337', 'CVE-2024-35195']);
    expect(await events()).toEqual(before);
    expect(log.lines).toMatchObject([
      {
        level: 'warn',
        msg: "this node's vulnerability database is behind the one the findings were computed with: osv:PyPI: missing (1 records); automatic analysis paused on this node (every node must use the same vulnerability database file)",
      },
    ]);
    // Said once, not at every check; the feeds status shows it.
    expect(await b.tick()).toBe(false);
    expect(log.lines).toHaveLength(1);
    const status = feedsStatus(sourceB, tenant.admin, b, ctx.clock());
    // Other roles see the node by host only: the server's file path is the operator's business.
    expect(feedsStatus(sourceB, tenant.viewer, b, ctx.clock()).databaseBehind?.basisNode).toBe(os.hostname());
    expect(status.databaseBehind).toEqual({
      basisNode: `${os.hostname()}:${fileA}`,
      organizations: 1,
      reasons: ['osv:PyPI: missing (1 records)'],
    });
    // The buttons on node B are refused too, with the reason.
    const refresh = await refreshFindings(ctx, tenant.editor, sourceB);
    expect(refresh).toMatchObject({ ok: false, error: { code: 'vulndb.behind' } });
    expect(!refresh.ok && refresh.error.message).toContain('osv:PyPI: missing (1 records)');
    expect(await analyzeRelease(ctx, tenant.editor, sourceB, releaseId)).toMatchObject({
      ok: false,
      error: { code: 'vulndb.behind' },
    });
    expect(await active()).toEqual(['CVE-2021-23337', 'CVE-2024-35195']);

    // Node A comes back: nothing to do, nothing "new".
    const a2 = findingsMonitor(ctx, vulnDbSource(fileA), { automatic: true, checkSeconds: 60 });
    expect(await a2.tick()).toBe(true);
    await a2.idle();
    expect(await events()).toEqual(before);
    await a2.stop();

    // Node B gets a copy of node A's file: it carries on (and says so).
    expect((await installVulnDb(fileA, fileB)).ok).toBe(true);
    expect(await b.tick()).toBe(true);
    await b.idle();
    expect(log.lines.map((l) => l.msg)).toContain(
      'vulnerability database file replaced: every release is analysed again',
    );
    expect(log.lines.map((l) => l.msg)).toContain(
      "this node's vulnerability database is no longer behind the findings: automatic analysis resumed",
    );
    expect(feedsStatus(sourceB, tenant.admin, b, ctx.clock()).databaseBehind).toBeNull();
    expect(await active()).toEqual(['CVE-2021-23337', 'CVE-2024-35195']);
    expect(await events()).toEqual(before);
    await b.stop();
    sourceA.close();
    sourceB.close();
  });
});
