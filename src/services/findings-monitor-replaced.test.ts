/**
 * The server with its vulnerability database file replaced (QA report H6), on both dialects: the
 * findings monitor over the server's real file handle (`vulnDbSource`) notices the new file, analyses
 * every release again with it and gives the new file's findings, whether the new file's change log
 * continues the old one (a copy moved on at a connected site) or starts again lower (a database built
 * anew); and a server started after the file was replaced by one whose change log is behind the
 * findings' position analyses every release again too.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { organizationsBehind } from '../store/repositories/findings.js';
import { openVulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import { installVulnDb } from '../vulndb/install.js';
import type { ServiceContext } from './context.js';
import { findingsMonitor, type MonitorLog } from './findings-monitor.js';
import { listReleaseFindings } from './findings.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import { vulnDbSource } from './vulndb-source.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-monitor-replaced-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The fixture holds lodash 4.17.20 (npm) and requests 2.31.0 (PyPI).
const lodash = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-23337'],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
};
const requests = (withdrawn?: string) => ({
  id: 'GHSA-9wx4-h78v-vm56',
  modified: withdrawn ?? '2024-01-01T00:00:00Z',
  aliases: ['CVE-2024-35195'],
  ...(withdrawn ? { withdrawn } : {}),
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.32.0' }] }] }],
});
const filler = (n: number) => ({
  id: `GHSA-fill-${n}`,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: `unrelated-${n}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }],
});

let files = 0;
/** Imports `records` into the database file `file` (made when missing); returns its last change. */
async function importInto(file: string, ...records: object[]): Promise<number> {
  const input = path.join(dir, `records-${files++}.jsonl`);
  writeFileSync(input, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const db = openVulnDb(file);
  try {
    return (await importPath(db, input)).lastSeq;
  } finally {
    db.close();
  }
}

function recordingLog(): MonitorLog & { messages: string[] } {
  const messages: string[] = [];
  return { messages, info: (_o, msg) => messages.push(msg), warn: (_o, msg) => messages.push(msg), error: (_o, msg) => messages.push(msg) };
}

describeEachDialect('Findings monitor with a replaced vulnerability database file', (env) => {
  async function releaseWithSbom(ctx: ServiceContext, tenant: Tenant): Promise<string> {
    const p = await createProduct(ctx, tenant.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, tenant.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const u = await uploadSbom(ctx, tenant.editor, r.value.id, { bytes: new TextEncoder().encode(fixture), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    return r.value.id;
  }

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
    expect(await importInto(file, lodash, requests())).toBe(2);
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
    expect(await importInto(copy, requests('2024-06-01T00:00:00Z'))).toBe(3);
    expect((await installVulnDb(copy, file)).ok).toBe(true);
    await monitor.check();
    await monitor.idle();
    expect(await active()).toEqual({ ids: ['CVE-2021-23337'], seq: 3 });
    expect(log.messages).toContain('vulnerability database file replaced: the new file is open');
    expect(log.messages).toContain('vulnerability database file replaced: every release is analysed again');

    // 2. A database built anew: its change log starts again (change 4 is one of the fillers), so the
    //    findings' position says nothing about it; the release is analysed again as a whole.
    const rebuilt = path.join(dir, 'rebuilt.sqlite');
    expect(await importInto(rebuilt, requests(), filler(1), filler(2), filler(3))).toBe(4);
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
    expect(await importInto(older, lodash)).toBe(1);
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
