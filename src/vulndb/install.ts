/**
 * `mamori feeds install FILE`: puts a vulnerability database made elsewhere (a `vulndb.sqlite`
 * copied from a connected machine to an air-gapped site) in place of the local one, safely even
 * while a server reads it (docs/adr/0010-vulnerability-database.md, addendum 7).
 *
 * Copying a file over the database, or renaming one over it, is not safe with SQLite in WAL mode:
 * the old file's write-ahead log (`vulndb.sqlite-wal`) stays beside the new file, and the next
 * program to open it reads the old file's pages from that log as the new file's (a mixed database
 * that `PRAGMA integrity_check` still calls ok). The log stays whenever a program had the old file
 * open (a read-only server never removes it). So:
 *
 * 1. FILE is copied with SQLite's backup API to a temporary file in the target's folder (a consistent
 *    copy even while FILE is written), opened as a vulnerability database (which upgrades an older
 *    schema), checked (`PRAGMA quick_check`, not empty), and closed without a log of its own.
 * 2. The old file's log is emptied: a checkpoint copies every page of it into the old file and
 *    truncates it to nothing (`wal_checkpoint(TRUNCATE)`), then a write transaction is held, so no
 *    other program can add to it, while the log is checked to be empty and the temporary file is
 *    renamed over the old one (atomic in one folder). What stays beside the new file is an empty
 *    log, which SQLite reads as no log.
 *
 * Before anything is copied, the data of both files is compared (src/vulndb/data-dates.ts) and the
 * comparison given as progress lines: a file whose KEV catalog, EPSS scores or newest record of a
 * source is older than the installed one's (an old USB stick) is not installed unless `force` is
 * given (QA airgap 4: the KEV catalog went back and the server's KEV flags vanished without a word).
 *
 * A server that has the old file open opens the new one at its next use (src/services/vulndb-source.ts).
 * A `feeds import` or `feeds sync` running on the old file at the same time is not safe: it would go
 * on writing the old file's pages into the log; install refuses while one holds the write lock for
 * longer than the busy timeout, and the user guide says not to run them together.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type DataDates, dataDates, type GoingBack, goingBack, goingBackText, replacementLines } from './data-dates.js';
import { closeSqlite, notVulnDbReason, openReadOnlySqlite, openVulnDb, type VulnDbStatus, VulnDbError } from './database.js';

export interface InstallOptions {
  /** Progress lines for people (stderr). */
  readonly onProgress?: (line: string) => void;
  /** Stops before the old file is replaced (the temporary copy is removed); nothing changes. */
  readonly signal?: AbortSignal;
  /** How often the old file's log is emptied and checked before install gives up (another program writes it). */
  readonly attempts?: number;
  /** Installs a file older than the installed one too (going back on purpose). */
  readonly force?: boolean;
}

export type InstallResult =
  /** `replaced`: the data dates of the file that was replaced (null when there was none). */
  | { readonly ok: true; readonly status: VulnDbStatus; readonly replaced: DataDates | null }
  | { readonly ok: false; readonly stopped: true }
  /** Not installed: the file is older than the installed one in these (nothing was changed). */
  | { readonly ok: false; readonly older: readonly GoingBack[] };

/** Thrown by the backup's progress callback when asked to stop. */
class InstallStopped extends Error {}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false;
  const x = statSync(a);
  const y = statSync(b);
  return x.dev === y.dev && x.ino === y.ino;
}

/** The size of the file's write-ahead log (0 when there is none). */
function walSize(file: string): number {
  return existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
}

/**
 * Installs the vulnerability database `source` as `target` (see above). Throws `VulnDbError` with a
 * message for people when `source` is not a usable vulnerability database, `target` is another kind
 * of file, or the old file's log cannot be emptied.
 */
export async function installVulnDb(source: string, target: string, options: InstallOptions = {}): Promise<InstallResult> {
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  if (!existsSync(source)) throw new VulnDbError(`Cannot read ${source}: no such file.`);
  if (sameFile(source, target)) throw new VulnDbError(`${source} is the vulnerability database itself (${target}); name the file to install in its place.`);
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.installing-${process.pid}`);
  removeWithSidecars(temp);
  try {
    // 1. The copy, checked.
    // Read as a snapshot when its folder cannot be written (a USB stick, a read-only share).
    const from = openReadOnlySqlite(source);
    let replaced: DataDates | null = null;
    try {
      const reason = notVulnDbReason(from, source, true);
      if (reason !== null) throw new VulnDbError(`${source} is not a mamori vulnerability database (${reason.why}); nothing was installed.`);
      // 0. What it replaces: an older file is not installed without `force`.
      const copy = dataDates(from);
      if (Object.values(copy.records).every((r) => r.count === 0) && copy.kevCatalog === null && copy.epssScores === null)
        throw new VulnDbError(`${source} holds no vulnerability data; nothing was installed.`);
      replaced = installedDates(target);
      if (replaced !== null) {
        progress(`Replacing ${target} (installed → ${source}):`);
        for (const line of replacementLines(replaced, copy)) progress(`  ${line}`);
        const older = goingBack(replaced, copy);
        if (older.length > 0 && options.force !== true) return { ok: false, older };
        if (older.length > 0) progress(`Installing an older database (--force): ${older.map(goingBackText).join('; ')}.`);
      }
      progress(`Copying ${source} …`);
      await from.backup(temp, {
        progress: () => {
          if (signal?.aborted) throw new InstallStopped();
          return 4096;
        },
      });
    } catch (e) {
      if (e instanceof InstallStopped || signal?.aborted) return { ok: false, stopped: true };
      if (e instanceof VulnDbError) throw e;
      throw new VulnDbError(`Cannot copy ${source}: ${(e as Error).message}; nothing was installed.`);
    } finally {
      closeSqlite(from);
    }
    if (signal?.aborted) return { ok: false, stopped: true };
    progress('Checking the copy …');
    let status: VulnDbStatus;
    const copy = openVulnDb(temp, { onMigrate: progress });
    try {
      const check = copy.sqlite.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw new VulnDbError(`${source} is damaged (PRAGMA quick_check: ${check}); nothing was installed.`);
      status = copy.status();
      if (Object.values(status.records).reduce((a, b) => a + b, 0) === 0 && status.kev === 0 && status.epss === 0)
        throw new VulnDbError(`${source} holds no vulnerability data; nothing was installed.`);
      copy.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      // The last connection: SQLite copies the log into the file and removes it.
      copy.close();
    }
    if (signal?.aborted) return { ok: false, stopped: true };

    // 2. In place of the old file, with the old file's log emptied.
    if (!existsSync(target)) {
      // A log without its database belongs to a file that is gone; it must not meet the new one.
      removeWithSidecars(`${target}`);
      renameSync(temp, target);
    } else await replace(temp, target, options.attempts ?? 5);
    progress(`Installed ${source} as ${target}.`);
    return { ok: true, status: { ...status, file: target }, replaced };
  } finally {
    removeWithSidecars(temp);
  }
}

/**
 * The data dates of the installed vulnerability database at `target`, read-only; null when there is
 * none, or when it is not a vulnerability database (then `replace` refuses it, with the reason).
 */
function installedDates(target: string): DataDates | null {
  if (!existsSync(target)) return null;
  let db: Database.Database;
  try {
    db = new Database(target, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new VulnDbError(`Cannot read ${target} to compare it with the file to install: ${(e as Error).message}; nothing was installed.`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (notVulnDbReason(db, target, true) !== null) return null;
    return dataDates(db);
  } finally {
    db.close();
  }
}

/** Renames `temp` over `target` while holding `target`'s write lock with its log emptied. */
async function replace(temp: string, target: string, attempts: number): Promise<void> {
  const old = new Database(target, { fileMustExist: true });
  try {
    old.pragma('busy_timeout = 10000');
    const reason = notVulnDbReason(old, target, false);
    if (reason !== null)
      throw new VulnDbError(`${target} is not a mamori vulnerability database (${reason.why}); it was not replaced. Check --vuln-db (MAMORI_VULNDB).`);
    for (let attempt = 1; ; attempt++) {
      // Copies the log into the old file and truncates it; waits (busy timeout) for readers.
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.exec('BEGIN IMMEDIATE');
      if (walSize(target) === 0) {
        try {
          renameSync(temp, target);
        } finally {
          old.exec('ROLLBACK');
        }
        return;
      }
      old.exec('ROLLBACK');
      if (attempt >= attempts)
        throw new VulnDbError(
          `${target} is being written by another program (its write-ahead log could not be emptied); stop \`mamori feeds import\` or \`feeds sync\` on it and install again. Nothing was changed.`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  } finally {
    // Closing the last connection to the old file removes its (empty) log and index.
    old.close();
  }
}
