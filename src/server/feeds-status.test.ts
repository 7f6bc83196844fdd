/**
 * The feeds status of the findings and vulnerability API through inject(): the feeds that are out of
 * date (newest data older than the threshold, or the last sync failed), read from a real vulnerability
 * database filled by file imports (QA air-gap report 7).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedRelease, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant } from '../../test/support/fixtures.js';
import { testVulnDb } from '../../test/support/vulns.js';
import { openVulnDb, type VulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import type { Role } from '../core/domain/role.js';
import { feedsStatus } from '../services/findings.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-status-api-'));
const day = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
const record = (id: string, ecosystem: string, modified: string) =>
  JSON.stringify({
    id,
    modified,
    affected: [{ package: { ecosystem, name: `p-${id}` }, versions: ['1.0'] }],
  });

describeEachDialect('Feeds status API', (env) => {
  let app: FastifyInstance;
  let viewer: BrowserSession;
  let releaseId: string;
  let productId: string;
  let reader: VulnDb;
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.sqlite`);

  beforeAll(async () => {
    // Files carried in: npm data 40 days old, PyPI data of yesterday; a sync of Maven that failed.
    const db = openVulnDb(file);
    writeFileSync(
      `${file}.jsonl`,
      `${record('GHSA-old', 'npm', ago(40))}\n${record('PYSEC-new', 'PyPI', ago(1))}\n`,
    );
    await importPath(db, `${file}.jsonl`);
    db.logSyncFailure(
      'osv:Maven',
      'https://mirror.example/osv/Maven/all.zip',
      'cannot download https://mirror.example/osv/Maven/all.zip: HTTP 404',
    );
    db.close();
    reader = openVulnDb(file, { readonly: true });
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(reader, file) }));
    const t = await seedTenant(env().ctx);
    const editor = await loginAs(app, t, 'editor');
    viewer = await loginAs(app, t, 'viewer');
    ({ productId, releaseId } = await seedRelease(app, editor, {
      release: { version: '1.0.0', releaseDate: '2026-04-01', stage: 'support' },
    }));
  });
  afterAll(async () => {
    await app.close();
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the feeds whose newest data is stale or whose sync failed, on every page that shows the feeds', async () => {
    const expected = {
      available: true,
      staleDays: 7,
      outdated: [
        {
          feed: 'osv:Maven',
          records: 0,
          newest: null,
          ageDays: null,
          stale: false,
          lastImportedAt: null,
          lastFailure: {
            at: expect.any(String) as unknown,
            error: 'cannot download https://mirror.example/osv/Maven/all.zip: HTTP 404',
          },
        },
        {
          feed: 'osv:npm',
          records: 1,
          ageDays: 40,
          stale: true,
          lastImportedAt: expect.any(String) as unknown,
          lastFailure: null,
        },
      ],
    };
    const list = await viewer.request('GET', '/api/v1/vulnerabilities');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ feeds: unknown }>().feeds).toMatchObject(expected);
    // The viewer is not told where the database lies on the server.
    expect(list.json<{ feeds: { path: unknown } }>().feeds.path).toBeNull();
    const findings = await viewer.request('GET', `/api/v1/releases/${releaseId}/findings`);
    expect(findings.statusCode, findings.body).toBe(200);
    expect(findings.json<{ feeds: unknown }>().feeds).toMatchObject(expected);
  });

  it('the feed-monitoring evidence suggestion (IEC 6.2.1) gives the data dates and warns of the same stale feeds (QA ra 3)', async () => {
    const res = await viewer.request('GET', `/api/v1/compliance/${productId}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res
      .json<
        {
          entry: string;
          recordType: string;
          available: boolean;
          reason: { en: string; ja: string };
          warning: { en: string; ja: string } | null;
        }[]
      >()
      .find((x) => x.entry === '6.2.1' && x.recordType === 'feed_monitoring')!;
    expect(s.available).toBe(true);
    expect(s.reason.en).toContain(`osv:npm ${ago(40).slice(0, 10)} (40 days old)`);
    expect(s.reason.en).toContain('osv:PyPI');
    expect(s.reason.en).not.toMatch(/kept up to date/);
    expect(s.warning?.en).toMatch(
      /newest data of osv:npm is older than 7 days \(stale\); the last sync of osv:Maven failed/,
    );
    expect(s.warning?.ja).toMatch(/osv:npm の最新データが 7 日より古い/);
  });
});

describe('where the vulnerability database lies on the server', () => {
  const file = '/srv/mamori/data/vulndb.sqlite';
  const source = {
    path: file,
    reader: () => null,
    problem: () =>
      `${file} cannot be opened: the directory /srv/mamori/data is not readable by the server's user.`,
    close: () => undefined,
  };
  const actor = (role: Role) => ({
    userId: 'u',
    organizationId: 'o',
    role,
    name: role,
    via: 'session' as const,
  });

  it('is told to admins only (QA auditor report 7): other roles get the state and the reason in words', () => {
    expect(feedsStatus(source, actor('admin'))).toMatchObject({
      available: false,
      path: file,
      problem: source.problem(),
    });
    for (const role of ['editor', 'viewer'] as const) {
      const status = feedsStatus(source, actor(role));
      expect(status).toMatchObject({
        available: false,
        path: null,
        problem:
          "the vulnerability database file cannot be opened: the directory the data directory is not readable by the server's user.",
      });
      expect(JSON.stringify(status)).not.toContain('/srv');
    }
  });
});
