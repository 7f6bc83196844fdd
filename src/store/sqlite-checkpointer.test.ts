/**
 * Background WAL checkpoints: a transaction that leaves a large WAL has it checkpointed by the
 * worker (not by the committing connection), nothing is lost, and a worker that cannot start hands
 * checkpoints back to SQLite's automatic ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  nudgeBytes,
  safetyNetPages,
  startCheckpointer,
  type CheckpointResult,
} from './sqlite-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openWal(): { db: SqliteDatabase.Database; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-ckpt-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table t (id integer primary key, body text not null)');
  return { db, file };
}

/** One transaction writing about `bytes` of rows. */
function writeMuch(db: SqliteDatabase.Database, bytes: number): void {
  const insert = db.prepare('insert into t (body) values (?)');
  const body = 'x'.repeat(1000);
  db.transaction(() => {
    for (let n = 0; n < bytes; n += body.length) insert.run(body);
  })();
}

describe('SQLite background checkpoints', () => {
  it('checkpoints a large WAL on the worker thread and keeps every row', async () => {
    const { db, file } = openWal();
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(db, file, { onCheckpoint: (r) => results.push(r) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(safetyNetPages);

    writeMuch(db, 1024 * 1024);
    checkpointer.afterCommit();
    await checkpointer.close();
    expect(results).toEqual([]); // below the threshold: nothing asked

    const again = startCheckpointer(db, file, { onCheckpoint: (r) => results.push(r) });
    writeMuch(db, nudgeBytes + 1024 * 1024);
    again.afterCommit();
    await again.close();
    expect(results).toHaveLength(1);
    expect(results[0]!.busy).toBe(0);
    expect(results[0]!.log).toBeGreaterThan(nudgeBytes / 4096);
    expect(results[0]!.checkpointed).toBe(results[0]!.log);
    const rows = db.prepare('select count(*) as n from t').get() as { n: number };
    db.close();
    const reopened = new SqliteDatabase(file, { readonly: true });
    expect((reopened.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(rows.n);
    reopened.close();
  });

  it('goes back to automatic checkpoints when the worker cannot run', async () => {
    const { db, file } = openWal();
    const checkpointer = startCheckpointer(db, file, {
      driver: path.join(os.tmpdir(), 'no-such-driver.cjs'),
    });
    writeMuch(db, nudgeBytes + 1024 * 1024);
    checkpointer.afterCommit();
    await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000));
    await checkpointer.close();
    db.close();
  });
});
