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
 * release again after one, since the change log of another file is not comparable). One stat per use
 * is enough while the file is open: the open connection holds the old file, so its inode cannot be
 * given to a new one.
 *
 * Once the old file is closed (it was deleted, so the path named nothing for a while), a file made
 * again at the path may get the old file's inode (seen in CI, about one run in ten). So whether a
 * file opened is another than the one opened before is told by its inode and by what it holds: the
 * first entry of its change log (number, time to the millisecond, record), which never changes once
 * written, is kept by a copy of the file and differs in a database built anew (the same mark as the
 * change log's fingerprint in src/services/vulndb-basis.ts). Read once per open, not per use. A file
 * whose log was empty when it was opened has no mark yet: only its inode tells.
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
 * The mark of the database's contents that tells it from a database built anew (see above): its first
 * change, or null while its change log is empty.
 */
function logMark(reader: VulnDbReader): string | null {
  const first = reader.changesSince(0, 1)[0];
  return first ? `${first.seq}\u0000${first.at}\u0000${first.recordId}` : null;
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
  /** The file open now, and the last file opened (kept after it was closed), with its log's mark. */
  let openedId: string | null = null;
  let lastId: string | null = null;
  let lastMark: string | null = null;
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
        const mark = logMark(current);
        // Another file: another inode, or the inode of the last one (given again to a file made anew)
        // with another first change. A log that was empty then and has entries now is the same file's.
        if (lastId !== null && (openedId !== lastId || (lastMark !== null && mark !== lastMark))) {
          replacements++;
          log?.info({ path: file, seq }, 'vulnerability database file replaced: the new file is open');
        }
        lastId = openedId;
        lastMark = mark;
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
