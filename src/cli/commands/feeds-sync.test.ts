/**
 * `mamori feeds sync` from a mirror that is a static web server (QA air-gap report 2, 6, 10), through
 * run(): NVD and JVN pages that ignore the paging parameters fail the source with what to do; a
 * refused connection says so; a KEV catalog or EPSS file older than the stored one shows as `stale`
 * in the table, and the command exits 1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { readSample } from '../../feeds/parse/shared-samples.test-helper.js';
import { openVulnDb } from '../../vulndb/database.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Static files by path, whatever the query (as `python3 -m http.server` serves them). */
const files = new Map<string, string | Buffer>();
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const cli = (argv: string[]) =>
  runCli(argv, { cwd: dir, env: { MAMORI_DATA_DIR: dir }, fetch: globalThis.fetch });

describe('mamori feeds sync from a static mirror', () => {
  it('fails NVD and JVN whose pages ignore the paging parameters, with what to do, and sets no cursor', async (ctx) => {
    const nvd = readSample('nvd/api-pages/pablotron-cves-1999-page.json', ctx);
    const jvn = readSample('jvn/myjvn-np/examples/hnd/getVulnOverviewList_hnd.xml', ctx);
    if (nvd === undefined || jvn === undefined) return;
    files.clear();
    files.set('/mirror/nvd/cves/2.0', nvd);
    files.set('/mirror/jvn/myjvn', jvn);
    const db = path.join(dir, 'paging.sqlite');
    const r = await cli(['feeds', 'sync', '--vuln-db', db, '--mirror', base, '--source', 'nvd', 'jvn']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^nvd +failed: the mirror does not answer the NVD CVE API's paging parameters: asked for startIndex=200, got the page at startIndex 0 \(a static web server .*, or import the saved pages with "mamori feeds import FOLDER" +new 197, changed 0, withdrawn 3, /m,
    );
    expect(r.stdout).toMatch(
      /^jvn +failed: the mirror does not answer the MyJVN API's paging parameters: asked for startItem=3, got the items from firstRes 1 \(/m,
    );
    expect(r.stderr).not.toMatch(/NVD: 400 of/);
    expect(r.stderr).toMatch(/Sync incomplete: nvd, jvn\.$/m);
    const status = await cli(['feeds', 'status', '--vuln-db', db, '--format', 'json']);
    expect((JSON.parse(status.stdout) as { sources: unknown[] }).sources).toEqual([]);
  });

  it('says why the mirror could not be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await cli([
      'feeds',
      'sync',
      '--vuln-db',
      path.join(dir, 'refused.sqlite'),
      '--mirror',
      `http://127.0.0.1:${port}/`,
      '--source',
      'kev',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^kev +failed: cannot download http:\/\/127\.0\.0\.1:\d+\/kev\/known_exploited_vulnerabilities\.json: the connection was refused: nothing listens on this host and port, or a firewall refuses it \(ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\) +-$/m,
    );
  });

  it('shows a KEV catalog or EPSS file older than the stored one as stale, keeps the last import, and exits 1', async (ctx) => {
    const kevNew = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    const kevOld = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    const epssNew = readSample('epss/epss_scores-2025-12-26-excerpt.csv', ctx);
    const epssOld = readSample('epss/epss_scores-2025-02-20-head.csv', ctx);
    if (kevNew === undefined || kevOld === undefined || epssNew === undefined || epssOld === undefined)
      return;
    const db = path.join(dir, 'stale.sqlite');
    files.clear();
    files.set('/mirror/kev/known_exploited_vulnerabilities.json', kevNew);
    files.set('/mirror/epss/epss_scores-current.csv.gz', gzipSync(epssNew));
    const first = await cli(['feeds', 'sync', '--vuln-db', db, '--mirror', base, '--source', 'kev', 'epss']);
    expect(first.code, first.stderr).toBe(0);
    const sources = () => {
      const v = openVulnDb(db, { readonly: true });
      try {
        return v.status().sources;
      } finally {
        v.close();
      }
    };
    const before = sources();
    expect(before.map((s) => s.source)).toEqual(['epss', 'kev']);
    files.set('/mirror/kev/known_exploited_vulnerabilities.json', kevOld);
    files.set('/mirror/epss/epss_scores-current.csv.gz', gzipSync(epssOld));
    const r = await cli(['feeds', 'sync', '--vuln-db', db, '--mirror', base, '--source', 'kev', 'epss']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^kev +stale: not applied: the mirror's file is older than the stored one \(2022-05-13 < 2025-08-25\); refresh the mirror +new 0, .*skipped 1, refused 0$/m,
    );
    expect(r.stdout).toMatch(
      /^epss +stale: not applied: the mirror's file is older than the stored one \(2025-02-20 < 2025-12-26\); refresh the mirror +new 0, .*skipped 1, refused 0$/m,
    );
    expect(r.stderr).toMatch(
      /^kev: skipped: .*older KEV catalog 2022\.05\.13 of 2022-05-13T19:57:27\.2727Z: the stored KEV catalog 2025\.08\.25 of 2025-08-25T17:04:19\.9796Z is newer; nothing changed$/m,
    );
    expect(r.stderr).toMatch(
      /Not applied: the kev and epss files are older than the stored ones \(the mirror was not refreshed\); the stored data and its last import are kept\.$/m,
    );
    expect(r.stderr).not.toMatch(/Sync incomplete/);
    expect(sources()).toEqual(before);
    const json = await cli([
      'feeds',
      'sync',
      '--vuln-db',
      db,
      '--mirror',
      base,
      '--source',
      'kev',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(1);
    const [kev] = (
      JSON.parse(json.stdout) as {
        results: { source: string; ok: boolean; stale?: boolean; error?: string }[];
      }
    ).results;
    expect([kev?.source, kev?.ok, kev?.stale]).toEqual(['kev', false, true]);
    expect(kev?.error).toMatch(/^not applied: /);
  });
});
