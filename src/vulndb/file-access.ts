/**
 * Access to the vulnerability database file: why this process cannot read or write it, in words that
 * name the file, the user and the fix; and how a database in WAL mode is read from a folder this
 * process cannot write (a read-only share or mount, a USB stick: a normal way to hand out a copied
 * database).
 *
 * SQLite reads a database in WAL mode through two files beside it, `FILE-wal` and `FILE-shm`, which
 * even a read-only connection creates when they are missing; in a folder it cannot write that fails
 * (`SQLITE_READONLY_DIRECTORY`, or `SQLITE_CANTOPEN` on a read-only file system). SQLite's answer is
 * the `immutable=1` URI parameter, but better-sqlite3's build does not interpret URIs
 * (`SQLITE_USE_URI=0`, and it opens without `SQLITE_OPEN_URI`). `readSnapshot` does what immutable
 * does: it reads the file as it is, once, into memory (SQLite's `sqlite3_deserialize`), and never
 * looks at it again.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The SQLite result code of an error (`SQLITE_READONLY_DIRECTORY`, …), or null for other errors. */
export function sqliteCode(e: unknown): string | null {
  return e instanceof Database.SqliteError ? e.code : null;
}

/** SQLite codes that mean "this process may not read or write the file or its folder". */
function isAccessCode(code: string): boolean {
  return ['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH'].some(
    (c) => code === c || code.startsWith(`${c}_`),
  );
}

/** Node's errno codes with the same meaning. */
const accessErrnos = new Set(['EACCES', 'EPERM', 'EROFS']);

/** "user nobody", or "uid 65534" when the user has no name. */
export function currentUser(): string {
  try {
    return `user ${os.userInfo().username}`;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

function accessError(p: string, mode: number): NodeJS.ErrnoException | null {
  try {
    accessSync(p, mode);
    return null;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** ` (mode 444, owner uid 0)` */
function modeAndOwner(p: string): string {
  try {
    const st = statSync(p);
    return ` (mode ${(st.mode & 0o777).toString(8)}, owner uid ${st.uid})`;
  } catch {
    return '';
  }
}

/**
 * Why this process cannot write `p` ("… is read-only for user nobody (mode 444, owner uid 0)", or on a
 * read-only file system, where permissions do not help); null when it can.
 */
function notWritable(p: string, what: string): { readonly why: string; readonly fileSystem: boolean } | null {
  const e = accessError(p, constants.W_OK);
  if (e === null) return null;
  if (e.code === 'EROFS') return { why: `${what} is on a read-only file system`, fileSystem: true };
  return { why: `${what} is read-only for ${currentUser()}${modeAndOwner(p)}`, fileSystem: false };
}

/**
 * Why this process cannot write the database file or create the files SQLite keeps beside it ("it is
 * read-only for user nobody (mode 444, owner uid 0)", "its folder /mnt/usb is on a read-only file
 * system"); null when it can (a missing file: when its folder can be written).
 */
export function whyNotWritable(file: string): string | null {
  const full = path.resolve(file);
  if (existsSync(full)) {
    const it = notWritable(full, 'it');
    if (it !== null) return it.why;
  }
  return notWritable(path.dirname(full), `its folder ${path.dirname(full)}`)?.why ?? null;
}

/** What commands that only read the database can still do. */
const readersStillWork =
  'commands that only read it (mamori scan, mamori vuln, mamori feeds status) can use it as it is';

/**
 * Why this process cannot read the database file, or (`writing`) write it and the files SQLite
 * keeps beside it, with the fix ("it is read-only for user nobody (mode 444, owner uid 0); check …");
 * null when nothing in the file system stops it.
 */
export function fileAccessProblem(file: string, writing: boolean): string | null {
  const full = path.resolve(file);
  const folder = path.dirname(full);
  const base = path.basename(full);
  if (existsSync(full)) {
    if (accessError(full, constants.R_OK) !== null)
      return `it is not readable for ${currentUser()}${modeAndOwner(full)}; check its permissions and owner`;
    const it = writing ? notWritable(full, 'it') : null;
    if (it !== null)
      return `${it.why}; ${it.fileSystem ? '' : 'check its permissions and owner (mamori writes to it), or '}work on a copy you can write; ${readersStillWork}`;
  }
  const dir = notWritable(folder, `its folder ${folder}`);
  if (dir !== null && writing)
    return `${dir.why}, and SQLite needs to create ${base}-wal and ${base}-shm beside the database; ${dir.fileSystem ? '' : "check the folder's permissions and owner, or "}work on a copy in a folder you can write${existsSync(full) ? `; ${readersStillWork}` : ''}`;
  if (dir !== null)
    return `${dir.why}, and SQLite needs to create ${base}-wal and ${base}-shm there to read a database in WAL mode; copy it to a folder you can write${dir.fileSystem ? '' : ', or make the folder writable'}`;
  return null;
}

/**
 * What went wrong with the database file, for people, when `e` is a failure of the environment and not
 * a bug: no permission, a read-only file or folder, a full disk, a lock held too long, a damaged file,
 * a failing disk. Null for other errors. The caller names the file ("FILE cannot be written: …").
 */
export function describeFileFailure(e: unknown, file: string, writing: boolean): string | null {
  const code = sqliteCode(e);
  const errno = (e as NodeJS.ErrnoException | null)?.code;
  const message = (e as Error | null)?.message ?? String(e);
  if (
    (code !== null && isAccessCode(code)) ||
    (code === null && errno !== undefined && accessErrnos.has(errno))
  )
    return (
      fileAccessProblem(file, writing) ??
      `${message}; check the permissions and owner of the file and of its folder`
    );
  if (code === 'SQLITE_FULL' || errno === 'ENOSPC')
    return `the disk is full (${message}); free some space and run the command again (what was committed before is kept)`;
  if (code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')))
    return `another program is writing it (${message}); run the command again when it has finished`;
  if (code !== null && code.startsWith('SQLITE_CORRUPT'))
    return `the file is damaged (${message}); install a good copy with \`mamori feeds install FILE\` or build it again with \`mamori feeds import\` or \`mamori feeds sync\``;
  if (code !== null && code.startsWith('SQLITE_IOERR'))
    return `a read or write failed (${message}); check the disk and the file system`;
  return null;
}

/**
 * Whether a read-only connection that failed on its first read with SQLite code `code` should read
 * the file as an immutable snapshot instead (`readSnapshot`): SQLite could not open or create the
 * WAL files in a folder this process cannot write. Any other failure is reported as it is.
 */
export function readAsSnapshot(code: string | null, folderWritable: boolean): boolean {
  return (
    !folderWritable &&
    code !== null &&
    (code === 'SQLITE_READONLY' ||
      code.startsWith('SQLITE_READONLY_') ||
      code === 'SQLITE_CANTOPEN' ||
      code.startsWith('SQLITE_CANTOPEN_'))
  );
}

/** Whether this process can create files in the folder of `file`. */
export function folderWritable(file: string): boolean {
  return accessError(path.dirname(path.resolve(file)), constants.W_OK) === null;
}

/** Thrown by `readSnapshot` with a message for people. */
export class SnapshotRefused extends Error {}

/**
 * The database file read as it is into memory, read-only: for a database in WAL mode in a folder this
 * process cannot write (see above). A log beside it with pages in it (`FILE-wal` longer than its
 * 32-byte header) holds changes that may not be in the file yet, and SQLite cannot read them without
 * writing in that folder: refused, and so is a file too large to hold in memory twice (the copy read
 * and SQLite's own copy, briefly).
 */
export function readSnapshot(file: string): Database.Database {
  const full = path.resolve(file);
  const folder = path.dirname(full);
  const wal = `${full}-wal`;
  const readOnly = `its folder ${folder} cannot be written by ${currentUser()}, and SQLite needs to create ${path.basename(full)}-shm there to read a database in WAL mode`;
  if (existsSync(wal) && statSync(wal).size > 32)
    throw new SnapshotRefused(
      `${readOnly}; the log ${wal} beside it holds changes that may not be in the file yet, which cannot be read without writing in that folder: copy both files to a folder you can write, or open it once where it can be written (\`mamori feeds status --vuln-db FILE\` writes the log into the file)`,
    );
  const size = statSync(full).size;
  if (size > bufferConstants.MAX_LENGTH || size * 2 > os.totalmem())
    throw new SnapshotRefused(
      `${readOnly}, and at ${Math.round(size / 2 ** 20)} MiB it is too large to read into memory instead: copy it to a folder you can write, or make the folder writable for ${currentUser()}`,
    );
  // readFileSync stops at 2 GiB; a Buffer holds up to 4 GiB.
  const image = Buffer.allocUnsafe(size);
  const fd = openSync(full, 'r');
  try {
    for (let at = 0; at < size;) {
      const n = readSync(fd, image, at, Math.min(size - at, 1 << 26), at);
      if (n === 0) throw new SnapshotRefused('it became shorter while it was read; run the command again');
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  // The file format numbers (header bytes 18 and 19): 2 is WAL, which needs the files beside the
  // database; 1 reads the image as a database without a log, which it is.
  if (size >= 100 && image[18] === 2 && image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  return new Database(image, { readonly: true });
}

/** `dev:ino` of a file, or null when it is missing. */
function identity(p: string): string | null {
  try {
    const st = statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** The log and shared-memory files SQLite keeps beside a database in WAL mode, as a reader made them. */
export interface MadeBeside {
  readonly file: string;
  readonly wal: string | null;
  readonly shm: string | null;
}

/** Whether SQLite's `FILE-wal` or `FILE-shm` is beside the database. */
export function besideFilesExist(file: string): boolean {
  const full = path.resolve(file);
  return existsSync(`${full}-wal`) || existsSync(`${full}-shm`);
}

/**
 * The files beside `file` (and `file` itself) as they are now, just after a read-only connection's
 * first read made them (`besideFilesExist` was false before it); null when it made none.
 */
export function madeBeside(file: string): MadeBeside | null {
  const full = path.resolve(file);
  const made = { file: identity(full), wal: identity(`${full}-wal`), shm: identity(`${full}-shm`) };
  if (made.file === null || (made.wal === null && made.shm === null)) return null;
  return { file: made.file, wal: made.wal, shm: made.shm };
}

/**
 * Removes the `FILE-wal` and `FILE-shm` a read-only connection made beside a database in WAL mode
 * that this process cannot write, once the connection is closed. SQLite's last connection to close
 * removes them, under an exclusive lock a read-only file handle cannot take, so a read-only
 * connection leaves them behind; with the file's mode and this process as their owner, the file's
 * owner could not write the log any more (its next `feeds import` would fail). Nobody but root can
 * write to a log this process made, so they are removed when they are still the ones it made and the
 * log is empty; another reader that has them open goes on reading the file. A file this process can
 * write is left to SQLite: its next writer removes them. Failures are ignored: the files are only left
 * behind.
 */
export function removeMadeBeside(file: string, made: MadeBeside): void {
  const full = path.resolve(file);
  try {
    // A file replaced meanwhile (`feeds install`): the files beside it are not this reader's.
    if (identity(full) !== made.file) return;
    if (accessError(full, constants.W_OK) === null) return;
    const wal = `${full}-wal`;
    const shm = `${full}-shm`;
    if (made.wal !== null && identity(wal) === made.wal) {
      if (statSync(wal).size !== 0) return;
      rmSync(wal);
    }
    if (made.shm !== null && identity(shm) === made.shm) rmSync(shm);
  } catch {
    // Left behind, as a read-only connection leaves them.
  }
}
