/**
 * WAL checkpoints of a SQLite database file on a background thread. In WAL mode every commit
 * appends to the `-wal` file, and SQLite by default copies those pages back into the database
 * (a checkpoint) inside the commit that passes 1,000 pages — so a request that writes a large SBOM
 * pays for copying it twice, on the only JavaScript thread. Here the connection's automatic
 * checkpoint is raised to a safety net (`safetyNetPages`), and after a transaction leaves the WAL
 * larger than `nudgeBytes` a worker thread with its own connection runs a PASSIVE checkpoint, which
 * never blocks readers or writers. The worker starts on first need (most databases, and tests,
 * never need it) and does not keep the process alive; if it cannot start or fails, the connection
 * goes back to SQLite's own automatic checkpoints. On close, SQLite checkpoints what is left.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** WAL size after which a transaction asks for a background checkpoint (SQLite's own default is 1,000 pages). */
export const nudgeBytes = 4 * 1024 * 1024;
/** Automatic checkpoint threshold of the main connection while the worker does the work. */
export const safetyNetPages = 16_384;
const sqliteDefaultPages = 1000;

// The worker is plain JavaScript (eval), so it runs the same from the TypeScript sources and the build.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  let result = null;
  try { result = db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch (e) { result = { error: String(e && e.message || e) }; }
  parentPort.postMessage(result);
});
`;

export interface Checkpointer {
  /** Called after each committed transaction: asks for a checkpoint when the WAL has grown. */
  afterCommit(): void;
  /** Waits for a checkpoint in progress and stops the worker. */
  close(): Promise<void>;
}

export interface CheckpointResult {
  readonly busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  readonly log: number;
  readonly checkpointed: number;
}

export interface CheckpointerOptions {
  /** Told the outcome of every background checkpoint (tests, diagnostics). */
  readonly onCheckpoint?: (result: CheckpointResult) => void;
  /** Module path of the SQLite driver the worker loads (default: better-sqlite3 as installed). */
  readonly driver?: string;
}

export function startCheckpointer(
  sqlite: SqliteDatabase.Database,
  file: string,
  options: CheckpointerOptions = {},
): Checkpointer {
  const wal = `${file}-wal`;
  let worker: Worker | null = null;
  let failed = false;
  let busy: Promise<void> | null = null;
  sqlite.pragma(`wal_autocheckpoint = ${safetyNetPages}`);

  const giveUp = () => {
    failed = true;
    worker = null;
    busy = null;
    sqlite.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`);
  };

  const start = (): Worker | null => {
    if (worker || failed) return worker;
    try {
      const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
      const w = new Worker(workerSource, { eval: true, workerData: { file, driver } });
      w.on('error', giveUp);
      w.unref();
      worker = w;
    } catch {
      giveUp();
    }
    return worker;
  };

  return {
    afterCommit() {
      if (busy || failed) return;
      let size = 0;
      try {
        size = statSync(wal).size;
      } catch {
        return;
      }
      if (size < nudgeBytes) return;
      const w = start();
      if (!w) return;
      busy = new Promise<void>((resolve) => {
        const done = (result?: unknown) => {
          if (result && typeof result === 'object' && 'log' in result)
            options.onCheckpoint?.(result as CheckpointResult);
          w.off('message', done);
          w.off('error', done);
          busy = null;
          w.unref();
          resolve();
        };
        w.on('message', done);
        w.on('error', done);
      });
      w.ref();
      w.postMessage('checkpoint');
    },
    async close() {
      await busy;
      const w = worker;
      worker = null;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        // Referenced until it has exited, so a process closing its store waits for the worker.
        w.ref();
        w.postMessage('close');
      });
    },
  };
}
