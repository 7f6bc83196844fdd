/**
 * The server's handle on the vulnerability database file (QA report H6): a file replaced while the
 * server has it open (renamed over it, or deleted and made again) is noticed at the next use and
 * opened in place of the old one, which an open SQLite connection would otherwise read forever; each
 * such replacement is counted (the findings monitor analyses every release again after one). A new
 * file with the old file's write-ahead log still beside it is not opened: SQLite would read the old
 * file's pages from that log as the new file's. A file made again at the inode of the one it replaced
 * is told apart by the first entry of its change log.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import { installVulnDb } from '../vulndb/install.js';
import { tempVulnDbs } from '../vulndb/temp-db.test-helper.js';
import { vulnDbSource, type VulnDbSourceLog } from './vulndb-source.js';

const t = tempVulnDbs('mamori-vulndb-source-');

function record(id: string): string {
  return JSON.stringify({
    id,
    modified: '2026-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }],
  });
}

/** Imports `ids` into the database at `file` (made when missing) and closes it. */
async function importInto(file: string, ...ids: string[]): Promise<string> {
  const db = openVulnDb(file);
  try {
    await importPath(db, t.file('r.jsonl', `${ids.map(record).join('\n')}\n`));
  } finally {
    db.close();
  }
  return file;
}

function recordingLog(): VulnDbSourceLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (_o, msg) => lines.push(`info: ${msg}`), warn: (_o, msg) => lines.push(`warn: ${msg}`) };
}

const ids = (source: ReturnType<typeof vulnDbSource>) => {
  const reader = source.reader();
  return reader ? reader.changesSince(0).map((c) => c.recordId) : null;
};

describe('vulnerability database source', () => {
  it('reopens the same file after an import, without counting it as replaced', async () => {
    const file = await importInto(path.join(t.dir, 'same', 'vulndb.sqlite'), 'GHSA-a');
    const source = vulnDbSource(file);
    const first = source.reader();
    expect(ids(source)).toEqual(['GHSA-a']);
    await importInto(file, 'GHSA-b');
    expect(source.reader()).not.toBe(first);
    expect(ids(source)).toEqual(['GHSA-a', 'GHSA-b']);
    expect(source.replaced?.()).toBe(0);
    source.close();
  });

  it('opens the file that replaced the open one, even with a lower sequence number, and counts it', async () => {
    const dir = path.join(t.dir, `replaced-${randomUUID()}`);
    const file = await importInto(path.join(dir, 'vulndb.sqlite'), 'GHSA-a', 'GHSA-b', 'GHSA-c');
    const log = recordingLog();
    const source = vulnDbSource(file, { log });
    expect(ids(source)).toEqual(['GHSA-a', 'GHSA-b', 'GHSA-c']);
    // Another database, built anew (its change log starts again at 1), installed over it.
    const other = await importInto(path.join(t.dir, `other-${randomUUID()}.sqlite`), 'GHSA-z');
    expect((await installVulnDb(other, file)).ok).toBe(true);
    expect(ids(source)).toEqual(['GHSA-z']);
    expect(source.reader()?.lastSeq()).toBe(1);
    expect(source.replaced?.()).toBe(1);
    expect(log.lines).toEqual(['info: vulnerability database file replaced: the new file is open']);
    // Deleted and made again: another file too.
    rmSync(file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    expect(source.reader()).toBeNull();
    await importInto(file, 'GHSA-y');
    expect(ids(source)).toEqual(['GHSA-y']);
    // Counted whether or not the file system gave the new file the deleted one's inode (seen in CI:
    // 1 of about ten runs; the next test makes it happen every time).
    expect(source.replaced?.()).toBe(2);
    source.close();
  });

  it('counts a file made again at the inode of the one it replaced: its change log tells them apart', async () => {
    const dir = path.join(t.dir, `inode-${randomUUID()}`);
    const file = await importInto(path.join(dir, 'vulndb.sqlite'), 'GHSA-a');
    const log = recordingLog();
    const source = vulnDbSource(file, { log });
    expect(ids(source)).toEqual(['GHSA-a']);
    const inode = statSync(file).ino;
    // The file goes away (moved aside, keeping its inode for the new file) and the server closes it …
    const aside = path.join(dir, 'aside.sqlite');
    renameSync(file, aside);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    expect(source.reader()).toBeNull();
    // … and another database is made at that inode, as a file system may do for a file made again.
    const other = await importInto(path.join(t.dir, `other-${randomUUID()}.sqlite`), 'GHSA-b');
    writeFileSync(aside, readFileSync(other));
    renameSync(aside, file);
    expect(statSync(file).ino).toBe(inode);
    expect(ids(source)).toEqual(['GHSA-b']);
    expect(source.replaced?.()).toBe(1);
    expect(log.lines).toEqual(['info: vulnerability database file replaced: the new file is open']);
    source.close();
  });

  it('does not count a file opened before anything was imported into it when its first import comes', async () => {
    const file = path.join(t.dir, `empty-${randomUUID()}`, 'vulndb.sqlite');
    openVulnDb(file).close();
    const source = vulnDbSource(file);
    expect(source.reader()?.lastSeq()).toBe(0);
    await importInto(file, 'GHSA-a');
    expect(ids(source)).toEqual(['GHSA-a']);
    await importInto(file, 'GHSA-b');
    expect(ids(source)).toEqual(['GHSA-a', 'GHSA-b']);
    expect(source.replaced?.()).toBe(0);
    source.close();
  });

  it('does not open a new file while the old file’s write-ahead log is beside it, and says why', async () => {
    const dir = path.join(t.dir, 'stale');
    const file = await importInto(path.join(dir, 'vulndb.sqlite'), 'GHSA-a');
    const log = recordingLog();
    const source = vulnDbSource(file, { log });
    expect(ids(source)).toEqual(['GHSA-a']);
    // An import while the server has the file open leaves pages in the log (the server never removes it).
    await importInto(file, 'GHSA-b');
    expect(ids(source)).toEqual(['GHSA-a', 'GHSA-b']);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    // A copy renamed over the file, as the user guide used to suggest.
    renameSync(await importInto(path.join(t.dir, 'copy.sqlite'), 'GHSA-new'), file);
    expect(source.reader()).toBeNull();
    expect(source.problem()).toBe(
      `${file} was replaced while the server had it open, and the write-ahead log of the old file (${file}-wal) is still beside it: ` +
        `SQLite would read the old file's pages from it as the new file's. If no other program has the database open, delete ${file}-wal and ${file}-shm; ` +
        'replace the file with `mamori feeds install FILE` next time.',
    );
    expect(source.reader()).toBeNull();
    expect(log.lines).toEqual(['warn: vulnerability database replaced, but the old file’s write-ahead log is beside it: not opened']);
    // Once the old log and index are gone, the new file is opened as it is.
    rmSync(`${file}-wal`);
    rmSync(`${file}-shm`);
    expect(ids(source)).toEqual(['GHSA-new']);
    expect(source.problem()).toBeNull();
    expect(source.replaced?.()).toBe(1);
    source.close();
  });
});
