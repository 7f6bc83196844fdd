/**
 * `mamori feeds install FILE` through run(): the safe way to put a vulnerability database copied from
 * another machine in place of the local one (QA report H6; src/vulndb/install.ts for the file
 * handling): the installed file's contents are shown, the platform store named by mistake is not
 * replaced (exit 2), a file older than the installed one is not installed without --force (exit 1),
 * and Ctrl-C before the replacement changes nothing (exit 130).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-install-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (id: string) =>
  JSON.stringify({ id, modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }] });

const cli = (argv: string[], options: { stop?: AbortSignal } = {}) => runCli(argv, { env: { MAMORI_DATA_DIR: path.join(dir, 'data') }, cwd: dir, ...options });

describe('mamori feeds install', () => {
  it('installs a database from another machine in place of this one, and shows what it holds', async () => {
    writeFileSync(path.join(dir, 'here.jsonl'), `${record('GHSA-here')}\n`);
    writeFileSync(path.join(dir, 'there.jsonl'), `${record('GHSA-there-1')}\n${record('GHSA-there-2')}\n`);
    expect((await cli(['feeds', 'import', 'here.jsonl'])).code).toBe(0);
    expect((await cli(['feeds', 'import', 'there.jsonl', '--vuln-db', 'connected/vulndb.sqlite'])).code).toBe(0);

    const r = await cli(['feeds', 'install', 'connected/vulndb.sqlite']);
    expect(r.code).toBe(0);
    const target = path.join(dir, 'data', 'vulndb.sqlite');
    expect(r.stderr).toMatch(new RegExp(`Installed ${path.join(dir, 'connected', 'vulndb.sqlite')} as ${target}\\.`));
    expect(r.stdout).toMatch(/^Database +.*data\/vulndb\.sqlite$/m);
    expect(r.stdout).toMatch(/^Records +osv 2$/m);
    expect(r.stdout).toMatch(/^Last change seq +2$/m);
    const status = await cli(['feeds', 'status', '--format', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ records: { osv: 2 }, lastSeq: 2 });

    const json = await cli(['feeds', 'install', 'connected/vulndb.sqlite', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ installed: path.join(dir, 'connected', 'vulndb.sqlite'), file: target, records: { osv: 2 } });
  });

  it('does not replace the platform store named by mistake (exit 2)', async () => {
    const platform = path.join(dir, 'data', 'mamori.db');
    const store = new Database(platform);
    store.exec('CREATE TABLE users (id TEXT)');
    store.close();
    const before = readFileSync(platform);
    const r = await cli(['feeds', 'install', 'connected/vulndb.sqlite', '--vuln-db', platform]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mamori\.db is not a mamori vulnerability database \(it holds other tables: users\); it was not replaced/);
    expect(readFileSync(platform).equals(before)).toBe(true);
    expect((await cli(['feeds', 'install', 'nothing.sqlite'])).stderr).toMatch(/Cannot read .*nothing\.sqlite: no such file/);
  });

  it('refuses a database older than the installed one (exit 1), saying what would go back; --force installs it (QA airgap 4)', async () => {
    const kev = (version: string) =>
      JSON.stringify({
        catalogVersion: version,
        dateReleased: `${version.replaceAll('.', '-')}T17:00:00Z`,
        count: 1,
        vulnerabilities: [
          { cveID: 'CVE-2018-3721', vendorProject: 'lodash', product: 'lodash', vulnerabilityName: 'n', dateAdded: '2025-08-01', shortDescription: 'd', requiredAction: 'a', dueDate: '2025-08-22' },
        ],
      });
    const epss = (day: string) => `#model_version:v2025.03.14,score_date:${day}T00:00:00Z\ncve,epss,percentile\nCVE-2018-3721,0.5,0.9\n`;
    const build = async (db: string, files: Record<string, string>) => {
      for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(dir, name), text);
        expect((await cli(['feeds', 'import', name, '--vuln-db', db])).code).toBe(0);
      }
    };
    const dated = (id: string, modified: string) => JSON.stringify({ ...JSON.parse(record(id)), modified });
    // The QA report's case: the installed database has the 2025.09.01 catalog, the USB stick's 2025.08.25.
    await build('site/vulndb.sqlite', { 'kev-0901.json': kev('2025.09.01'), 'epss-1226.csv': epss('2025-12-26'), 'cur.jsonl': `${dated('GHSA-cur', '2026-02-01T00:00:00Z')}\n` });
    await build('usb/vulndb.sqlite', { 'kev-0825.json': kev('2025.08.25'), 'old.jsonl': `${dated('GHSA-old', '2026-01-01T00:00:00Z')}\n` });
    const status = async () => JSON.parse((await cli(['feeds', 'status', '--vuln-db', 'site/vulndb.sqlite', '--format', 'json'])).stdout) as { kevCatalog: { version: string }; lastSeq: number; records: Record<string, number> };
    const before = await status();

    const r = await cli(['feeds', 'install', 'usb/vulndb.sqlite', '--vuln-db', 'site/vulndb.sqlite']);
    expect(r.code).toBe(1);
    const target = path.join(dir, 'site', 'vulndb.sqlite');
    const usb = path.join(dir, 'usb', 'vulndb.sqlite');
    expect(r.stderr.split('\n').slice(0, 5)).toEqual([
      `Replacing ${target} (installed → ${usb}):`,
      '  KEV catalog: 2025.09.01 → 2025.08.25 (older)',
      '  EPSS scores: 2025-12-26T00:00:00Z → none (older)',
      '  newest osv record: 2026-02-01T00:00:00Z (1 record) → 2026-01-01T00:00:00Z (1 record) (older)',
      `Not installed: usb/vulndb.sqlite is older than the installed database ${target}: KEV catalog 2025.08.25 < 2025.09.01 (installed); EPSS scores none < 2025-12-26T00:00:00Z (installed); newest osv record 2026-01-01T00:00:00Z < 2026-02-01T00:00:00Z (installed). Nothing was changed. Install a newer copy, or add --force to go back on purpose.`,
    ]);
    expect(r.stdout).toBe('');
    expect(await status()).toEqual(before);
    expect(readdirSync(path.join(dir, 'site')).filter((f) => f.includes('installing'))).toEqual([]);

    // A newer copy is installed, and what it replaces is shown all the same.
    await build('newer/vulndb.sqlite', { 'kev-0902.json': kev('2025.09.02'), 'epss-1227.csv': epss('2025-12-27'), 'new.jsonl': `${dated('GHSA-cur', '2026-02-02T00:00:00Z')}\n` });
    const newer = await cli(['feeds', 'install', 'newer/vulndb.sqlite', '--vuln-db', 'site/vulndb.sqlite', '--format', 'json']);
    expect(newer.code).toBe(0);
    expect(newer.stderr).toContain('  KEV catalog: 2025.09.01 → 2025.09.02\n  EPSS scores: 2025-12-26T00:00:00Z → 2025-12-27T00:00:00Z\n');
    expect(newer.stderr).not.toContain('(older)');
    expect(JSON.parse(newer.stdout)).toMatchObject({ kevCatalog: { version: '2025.09.02' }, replaced: { kevCatalog: { version: '2025.09.01' }, records: { osv: { count: 1, newest: '2026-02-01T00:00:00Z' } } } });

    // --force goes back on purpose, and says so.
    const forced = await cli(['feeds', 'install', 'usb/vulndb.sqlite', '--vuln-db', 'site/vulndb.sqlite', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('Installing an older database (--force): KEV catalog 2025.08.25 < 2025.09.02 (installed);');
    expect(forced.stdout).toMatch(/^KEV entries +1 \(catalog 2025\.08\.25 of 2025-08-25T17:00:00Z\)$/m);
    expect((await status()).kevCatalog.version).toBe('2025.08.25');
  });

  it('changes nothing when stopped by Ctrl-C (exit 130)', async () => {
    writeFileSync(path.join(dir, 'third.jsonl'), `${record('GHSA-third')}\n`);
    expect((await cli(['feeds', 'import', 'third.jsonl', '--vuln-db', 'third.sqlite'])).code).toBe(0);
    const stop = new AbortController();
    stop.abort('SIGINT');
    const r = await cli(['feeds', 'install', 'third.sqlite'], { stop: stop.signal });
    expect(r.code).toBe(130);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      `Stopped by Ctrl-C (SIGINT) before ${path.join(dir, 'data', 'vulndb.sqlite')} was replaced: nothing was changed; run the same command again to install third.sqlite.`,
    );
    const status = await cli(['feeds', 'status', '--format', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ records: { osv: 2 } });
  });
});
