/**
 * `mamori db backup --out FILE` (QA pgadmin 5): a consistent copy of the SQLite platform database,
 * taken with SQLite's online backup API while another connection (the server) holds it open in WAL
 * mode with changes not yet checkpointed into the file; a copy of mamori.db alone would miss them.
 * PostgreSQL is pointed to pg_dump; an existing file is never overwritten.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { migrationNames } from '../../store/migrate.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-db-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { MAMORI_DATA_DIR: path.join(dir, 'data') };
const cli = (argv: string[], over: Record<string, string> = {}) =>
  runCli(argv, { env: { ...env, ...over }, cwd: dir });

describe('db backup', () => {
  it('copies the database with what is still in its write-ahead log, while it is open', async () => {
    expect((await cli(['db', 'migrate'])).code).toBe(0);
    // The server: a connection in WAL mode whose last change is only in mamori.db-wal.
    const live = new Database(path.join(dir, 'data', 'mamori.db'));
    live.pragma('journal_mode = WAL');
    live.pragma('wal_autocheckpoint = 0');
    live
      .prepare('INSERT INTO monitor_leases (name, holder, expires_at) VALUES (?, ?, ?)')
      .run('backup-test', 'h/1/ns/x', '2030-01-01T00:00:00.000Z');
    try {
      // A plain copy of the file misses the change (what the guide warns against).
      copyFileSync(path.join(dir, 'data', 'mamori.db'), path.join(dir, 'copied.db'));
      const copied = new Database(path.join(dir, 'copied.db'), { readonly: true });
      expect(copied.prepare(`SELECT COUNT(*) FROM monitor_leases`).pluck().get()).toBe(0);
      copied.close();

      const r = await cli(['db', 'backup', '--out', 'backup.db']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^Backed up .*mamori\.db to .*backup\.db \(\d+ pages\)\.$/m);
      const copy = new Database(path.join(dir, 'backup.db'), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare(`SELECT holder FROM monitor_leases WHERE name = 'backup-test'`).pluck().get()).toBe(
        'h/1/ns/x',
      );
      expect(copy.prepare(`SELECT COUNT(*) FROM mamori_migrations`).pluck().get()).toBe(
        migrationNames.length,
      );
      copy.close();
      expect(existsSync(path.join(dir, 'backup.db.partial'))).toBe(false);
    } finally {
      live.close();
    }
  });

  it('never overwrites a file, and points PostgreSQL to pg_dump', async () => {
    const again = await cli(['db', 'backup', '--out', 'backup.db']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('backup.db exists: give a new file');
    const pg = await cli(['db', 'backup', '--out', 'pg.db'], {
      MAMORI_DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
    });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('For PostgreSQL use its own tools: pg_dump -Fc');
    const none = await cli(['db', 'backup', '--out', 'x.db'], { MAMORI_DATA_DIR: path.join(dir, 'nowhere') });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No mamori database at');
  });
});
