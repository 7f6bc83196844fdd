/**
 * The server with its vulnerability database file replaced (QA report H6), on both dialects: the
 * findings monitor over the server's real file handle (`vulnDbSource`) notices the new file, analyses
 * every release again with it and gives the new file's findings, whether the new file's change log
 * continues the old one (a copy moved on at a connected site) or starts again lower (a database built
 * anew); and a server started after the file was replaced by one whose change log is behind the
 * findings' position analyses every release again too.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { releaseWithSbom, seedTenant } from '../../test/support/fixtures.js';
import { fillerRecord, importRecords, lodashRecord, recordingLog, requestsRecord } from '../../test/support/vulns.js';
import { organizationsBehind } from '../store/repositories/findings.js';
import { installVulnDb } from '../vulndb/install.js';
import { findingsMonitor } from './findings-monitor.js';
import { listReleaseFindings } from './findings.js';
import { vulnDbSource } from './vulndb-source.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-monitor-replaced-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('Findings monitor with a replaced vulnerability database file', (env) => {
  it('opens the new file, analyses every release again with it, and shows the new file’s findings', async () => {
    const { ctx } = env();
    const tenant = await seedTenant(ctx);
    const releaseId = await releaseWithSbom(ctx, tenant);
    const active = async () => {
      const list = await listReleaseFindings(ctx, tenant.viewer, releaseId, {}, { limit: 50, offset: 0 });
      if (!list.ok) throw new Error(JSON.stringify(list.error));
      return { ids: list.value.page.items.map((f) => f.vulnerabilityId).sort(), seq: list.value.analysis?.seq };
    };
    const folder = mkdtempSync(path.join(dir, 'data-'));
    const file = path.join(folder, 'vulndb.sqlite');
    expect(await importRecords(file, lodashRecord, requestsRecord())).toBe(2);
    const log = recordingLog();
    let source = vulnDbSource(file, { log });
    let monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60, log });
    await monitor.check();
    await monitor.idle();
    expect(await active()).toEqual({ ids: ['CVE-2021-23337', 'CVE-2024-35195'], seq: 2 });

    // 1. The QA report's case: a copy of the file moved on at another site (the requests advisory
    //    withdrawn, change 3) replaces it while the server runs.
    const copy = path.join(dir, 'copy.sqlite');
    copyFileSync(file, copy);
    expect(await importRecords(copy, requestsRecord('2024-06-01T00:00:00Z'))).toBe(3);
    expect((await installVulnDb(copy, file)).ok).toBe(true);
    await monitor.check();
    await monitor.idle();
    expect(await active()).toEqual({ ids: ['CVE-2021-23337'], seq: 3 });
    expect(log.messages).toContain('vulnerability database file replaced: the new file is open');
    expect(log.messages).toContain('vulnerability database file replaced: every release is analysed again');

    // 2. A database built anew: its change log starts again (change 4 is one of the fillers), so the
    //    findings' position says nothing about it; the release is analysed again as a whole.
    const rebuilt = path.join(dir, 'rebuilt.sqlite');
    expect(await importRecords(rebuilt, requestsRecord(), fillerRecord(1), fillerRecord(2), fillerRecord(3))).toBe(4);
    // Its requests record is older than the installed one's: installed on purpose (`--force`).
    expect((await installVulnDb(rebuilt, file, { force: true })).ok).toBe(true);
    await monitor.check();
    await monitor.idle();
    expect(await active()).toEqual({ ids: ['CVE-2024-35195'], seq: 4 });
    expect(await organizationsBehind(ctx.store.db, 4)).toEqual([]);
    await monitor.stop();
    source.close();

    // 3. Replaced while no server ran, by a file whose change log ends before the findings' position:
    //    the next server's first check analyses every release again too.
    const older = path.join(dir, 'older.sqlite');
    expect(await importRecords(older, lodashRecord)).toBe(1);
    expect((await installVulnDb(older, file, { force: true })).ok).toBe(true);
    source = vulnDbSource(file);
    monitor = findingsMonitor(ctx, source, { automatic: true, checkSeconds: 60 });
    await monitor.check();
    await monitor.idle();
    expect(await active()).toEqual({ ids: ['CVE-2021-23337'], seq: 1 });
    expect(await organizationsBehind(ctx.store.db, 1)).toEqual([]);
    await monitor.stop();
    source.close();
  });
});
