/**
 * `installVulnDb` (`mamori feeds install`): a database copied from another machine replaces the
 * local one without the old file's write-ahead log being read into it (QA report H6: a copy renamed
 * over the file while a server had it open left the old `-wal` beside it, and the next opener mixed
 * the old file's pages into the new one, losing change-log entries), also while a reader holds the
 * old file open with pages in its log; a file that is not a vulnerability database is neither
 * installed nor replaced.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openVulnDb, type VulnDb } from './database.js';
import { importPath } from './import.js';
import { installVulnDb } from './install.js';
import { tempVulnDbs } from './temp-db.test-helper.js';

const t = tempVulnDbs('mamori-install-');

function record(id: string, over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    modified: '2026-01-01T00:00:00Z',
    summary: id,
    affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
    ...over,
  });
}

/** A database file at `file` holding `lines` (JSON lines), closed. */
async function databaseWith(file: string, ...lines: string[]): Promise<string> {
  const db = openVulnDb(file);
  try {
    await importPath(db, t.file('records.jsonl', `${lines.join('\n')}\n`));
  } finally {
    db.close();
  }
  return file;
}

/** The ids of the records and the last change, as a new reader of `file` sees them. */
function seen(file: string): { ids: string[]; lastSeq: number; withdrawn: number } {
  const db = openVulnDb(file, { readonly: true });
  try {
    return {
      ids: db.sqlite.prepare('SELECT id FROM records ORDER BY id').pluck().all() as string[],
      lastSeq: db.lastSeq(),
      withdrawn: db.status().withdrawn,
    };
  } finally {
    db.close();
  }
}

/**
 * The situation of the QA report: a reader (the server) has the database open, and the last import
 * went on while it did, so the old file's write-ahead log holds pages. Returns the open reader.
 */
async function openWithPagesInItsLog(file: string): Promise<VulnDb> {
  await databaseWith(file, record('PYSEC-1'), record('PYSEC-2'));
  const reader = openVulnDb(file, { readonly: true });
  t.opened.push(reader);
  reader.lastSeq();
  const writer = openVulnDb(file);
  await importPath(writer, t.file('more.jsonl', `${record('PYSEC-3')}\n`));
  writer.close();
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
  return reader;
}

describe('installing a vulnerability database', () => {
  it('replaces the file while a reader holds the old one open, and the old log is not read into the new file', async () => {
    const target = path.join(t.dir, 'live', 'vulndb.sqlite');
    const reader = await openWithPagesInItsLog(target);
    // The new file: a copy of the old one moved on elsewhere (PYSEC-1 withdrawn), as at a connected site.
    const elsewhere = path.join(t.dir, 'elsewhere.sqlite');
    copyFileSync(target, elsewhere);
    const copy = openVulnDb(elsewhere);
    await importPath(copy, t.file('withdrawn.jsonl', `${record('PYSEC-1', { withdrawn: '2026-02-01T00:00:00Z', modified: '2026-02-01T00:00:00Z' })}\n`));
    copy.close();
    const expected = seen(elsewhere);
    expect(expected.withdrawn).toBe(1);

    const lines: string[] = [];
    const result = await installVulnDb(elsewhere, target, { onProgress: (l) => lines.push(l) });
    expect(result).toMatchObject({ ok: true, status: { file: target, lastSeq: expected.lastSeq, withdrawn: 1 } });
    expect(lines.at(-1)).toBe(`Installed ${elsewhere} as ${target}.`);
    // What a program opening the file now reads: the new file, whole (the log beside it is empty).
    expect(seen(target)).toEqual(expected);
    expect(existsSync(`${target}-wal`) ? statSync(`${target}-wal`).size : 0).toBe(0);
    // The reader that had the old file open still reads the old file until it opens the path again.
    expect(reader.lastSeq()).toBeLessThan(expected.lastSeq);
    reader.close();
    expect(seen(target)).toEqual(expected);
    // No temporary file is left, and the installed file is a file of its own (the source is unchanged).
    expect(readdirSync(path.dirname(target)).filter((f) => f.includes('installing'))).toEqual([]);
    expect(seen(elsewhere)).toEqual(expected);
  });

  it('(why) a copy renamed over the open file, the old log left beside it, reads as a mix of both', async () => {
    const target = path.join(t.dir, 'renamed', 'vulndb.sqlite');
    const reader = await openWithPagesInItsLog(target);
    const elsewhere = await databaseWith(path.join(t.dir, 'other.sqlite'), record('GHSA-new'));
    renameSync(elsewhere, target);
    reader.close();
    const mixed = new Database(target, { readonly: true });
    try {
      // SQLite reads the old file's pages from the old log: the new file's record is not there.
      expect(mixed.prepare("SELECT COUNT(*) FROM records WHERE id = 'GHSA-new'").pluck().get()).toBe(0);
    } finally {
      mixed.close();
    }
  });

  it('installs where no database is yet, removing a log left without its database', async () => {
    const target = path.join(t.dir, 'fresh', 'vulndb.sqlite');
    const stale = await databaseWith(path.join(t.dir, 'stale.sqlite'), record('PYSEC-9'));
    const reader = await openWithPagesInItsLog(path.join(t.dir, 'gone.sqlite'));
    reader.close();
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(t.dir, 'gone.sqlite-wal'), `${target}-wal`);
    const result = await installVulnDb(stale, target);
    expect(result.ok).toBe(true);
    expect(seen(target).ids).toEqual(['PYSEC-9']);
  });

  it('replaces neither another kind of file nor with one, and leaves both as they were', async () => {
    const good = await databaseWith(path.join(t.dir, 'good.sqlite'), record('PYSEC-1'));
    const platform = path.join(t.dir, 'mamori.db');
    const store = new Database(platform);
    store.exec('CREATE TABLE organizations (id TEXT PRIMARY KEY); INSERT INTO organizations VALUES (1)');
    store.close();
    const before = readFileSync(platform);
    await expect(installVulnDb(good, platform)).rejects.toThrow(/mamori\.db is not a mamori vulnerability database \(it holds other tables: organizations\); it was not replaced/);
    expect(readFileSync(platform).equals(before)).toBe(true);

    const target = await databaseWith(path.join(t.dir, 'target.sqlite'), record('PYSEC-2'));
    await expect(installVulnDb(platform, target)).rejects.toThrow(/mamori\.db is not a mamori vulnerability database .*nothing was installed/);
    const text = t.file('notes.sqlite', 'not a database at all, but long enough to be looked at by SQLite as a header…'.repeat(10));
    await expect(installVulnDb(text, target)).rejects.toThrow(/not a mamori vulnerability database \(not an SQLite database/);
    const empty = path.join(t.dir, 'empty.sqlite');
    openVulnDb(empty).close();
    await expect(installVulnDb(empty, target)).rejects.toThrow(/holds no vulnerability data; nothing was installed/);
    await expect(installVulnDb(target, target)).rejects.toThrow(/is the vulnerability database itself/);
    expect(seen(target).ids).toEqual(['PYSEC-2']);
  });

  it('stops before replacing anything when asked to, and removes its copy', async () => {
    const source = await databaseWith(path.join(t.dir, 'source.sqlite'), record('PYSEC-5'));
    const target = await databaseWith(path.join(t.dir, 'kept.sqlite'), record('PYSEC-6'));
    const stop = new AbortController();
    stop.abort('SIGINT');
    expect(await installVulnDb(source, target, { signal: stop.signal })).toEqual({ ok: false, stopped: true });
    expect(seen(target).ids).toEqual(['PYSEC-6']);
    expect(readdirSync(t.dir).filter((f) => f.includes('installing'))).toEqual([]);
  });
});
