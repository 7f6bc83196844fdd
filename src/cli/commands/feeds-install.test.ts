/**
 * `mamori feeds install FILE` through run(): the safe way to put a vulnerability database copied from
 * another machine in place of the local one (QA report H6; src/vulndb/install.ts for the file
 * handling): the installed file's contents are shown, the platform store named by mistake is not
 * replaced (exit 2), and Ctrl-C before the replacement changes nothing (exit 130).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
