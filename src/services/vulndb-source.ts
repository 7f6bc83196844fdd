/**
 * The server's handle on the vulnerability database (docs/adr/0010-vulnerability-database.md): the
 * SQLite file is opened read-only on first use, not at start-up, so a server without imported feeds
 * runs and says "no feeds imported yet" instead of failing. After an import (by `mamori feeds import`
 * in another process, or by the server) the sequence number moves and the handle is reopened, so no
 * cached lookups outlive the data they came from.
 *
 * The file can also be replaced while the server runs (`mamori feeds install`, or a copy renamed over
 * it at an air-gapped site). An open SQLite connection keeps reading the file it opened, deleted or
 * not, so every use compares the device and inode the path names now with the open file's, and opens
 * the new file when they differ (`replaced()` counts those; the findings monitor analyses every
 * release again after one, since the change log of another file is not comparable).
 *
 * A file renamed over the open one leaves the old file's write-ahead log (`-wal`) beside it, and
 * SQLite would read the old file's pages from it as the new file's: a mixed database. SQLite keeps
 * nothing in the database file that says which WAL belongs to it, but this handle remembers the
 * header of the WAL the open file was using; while a WAL with that header is still beside the new file,
 * the new file is not opened and `problem()` says what to do.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { openVulnDb, VulnDbError } from '../vulndb/database.js';
import type { VulnDbReader } from '../vulndb/reader.js';

export interface VulnDbSource {
  /** The file, shown to people when it is missing. */
  readonly path: string;
  /** The database, or null while the file does not exist (no feeds imported yet). */
  reader(): VulnDbReader | null;
  /** Why the last open failed (a file of another schema version, a broken file), or null. */
  problem(): string | null;
  /**
   * How many times the file at `path` turned out to be another file than the one opened before
   * (replaced, or deleted and made again) and was opened instead. Absent: never.
   */
  replaced?(): number;
  close(): void;
}

/** Where the source says what it did (the server's logger). */
export interface VulnDbSourceLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The file the path names: device and inode, or null when there is none. */
function fileIdentity(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * The 32-byte header of the file's write-ahead log (magic, page size, checkpoint sequence, salts,
 * checksum: new whenever SQLite starts the log again), or null when there is no log with frames.
 */
export function walHeader(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(`${file}-wal`, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(33);
    // A header alone holds no pages; only a log with a frame after it can mix anything in.
    return readSync(fd, buf, 0, 33, 0) === 33 ? buf.subarray(0, 32) : null;
  } finally {
    closeSync(fd);
  }
}

export function vulnDbSource(file: string, options: { log?: VulnDbSourceLog } = {}): VulnDbSource {
  const log = options.log;
  let current: VulnDbReader | null = null;
  let seq = -1;
  let problem: string | null = null;
  /** The file open now, and the last file opened (kept after it was closed). */
  let openedId: string | null = null;
  let lastId: string | null = null;
  let replacements = 0;
  /** The header of the open file's WAL when last looked at. */
  let openWal: Buffer | null = null;
  /** After the open file was replaced: its WAL's header, which a WAL beside the new file must not have. */
  let oldWal: Buffer | null = null;
  const drop = () => {
    current?.close();
    current = null;
    openedId = null;
  };
  return {
    path: file,
    reader() {
      const id = fileIdentity(file);
      if (current) {
        if (id === openedId) {
          let now: number;
          try {
            now = current.lastSeq();
          } catch {
            now = -2;
          }
          if (now === seq) {
            openWal = walHeader(file);
            return current;
          }
          drop();
        } else {
          // The path names another file now (or none): the open one was replaced or deleted. Its
          // WAL, if it is still there, belongs to it and not to the new file.
          oldWal = openWal;
          drop();
        }
      }
      if (id === null) {
        problem = null;
        return null;
      }
      if (oldWal !== null) {
        const wal = walHeader(file);
        if (wal !== null && wal.equals(oldWal)) {
          const first = problem === null;
          problem =
            `${file} was replaced while the server had it open, and the write-ahead log of the old file (${file}-wal) is still beside it: ` +
            `SQLite would read the old file's pages from it as the new file's. If no other program has the database open, delete ${file}-wal and ${file}-shm; ` +
            `replace the file with \`mamori feeds install FILE\` next time.`;
          if (first) log?.warn({ path: file }, 'vulnerability database replaced, but the old file’s write-ahead log is beside it: not opened');
          return null;
        }
        oldWal = null;
      }
      try {
        current = openVulnDb(file, { readonly: true });
        seq = current.lastSeq();
        openedId = fileIdentity(file);
        openWal = walHeader(file);
        problem = null;
        if (lastId !== null && openedId !== lastId) {
          replacements++;
          log?.info({ path: file, seq }, 'vulnerability database file replaced: the new file is open');
        }
        lastId = openedId;
        return current;
      } catch (e) {
        if (!(e instanceof VulnDbError)) throw e;
        problem = e.message;
        return null;
      }
    },
    problem: () => problem,
    replaced: () => replacements,
    close: drop,
  };
}

/** A source over a reader that is already open (tests, the CLI with a local database). */
export function fixedVulnDbSource(reader: VulnDbReader | null, path = '(in memory)'): VulnDbSource {
  return { path, reader: () => reader, problem: () => null, close: () => reader?.close() };
}
