/**
 * Reading and writing files named on the command line: a missing file, a folder, a file that cannot
 * be read or written, or one over the size limit is a usage error with a message that says which
 * (never a stack trace).
 */
import { lstatSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliFailure, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Why a file could not be read, in words, from a Node error. */
export function unreadableReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return code ?? (e as Error).message;
  }
}

/**
 * The bytes of `file` (relative to the working folder). `tooLarge` words the refusal of a file over
 * `maxBytes` (its exit code is the caller's: an over-size SBOM fails the check, another input is a
 * usage error).
 */
export function readInputFile(
  io: CliIo,
  file: string,
  maxBytes: number,
  tooLarge: (size: number) => CliFailure,
): Buffer {
  const full = path.resolve(io.cwd, file);
  try {
    const st = statSync(full);
    if (st.isDirectory())
      throw new CliFailure(`Cannot read ${file}: it is a folder, not a file.`, exitCodes.usage);
    if (st.size > maxBytes) throw tooLarge(st.size);
    return readFileSync(full);
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`Cannot read ${file}: ${unreadableReason(e)}.`, exitCodes.usage);
  }
}

/** Why a file could not be written, in words, from a Node error. */
function unwritableReason(e: unknown, full: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `the folder ${path.dirname(full)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder; give the name of a file to write';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? (e as Error).message;
  }
}

/**
 * Writes `data` to `file` (relative to the working folder) as a whole: a regular file is written to a
 * temporary file beside it and renamed over it once complete, so a failed write (a full disk) leaves
 * no truncated file and an existing file is replaced only by a complete one. A symbolic link, a
 * device or a pipe (`--out /dev/stdout`) is written to as it is. A folder, a missing folder or no
 * permission is a usage error with a message that says which. Returns the absolute path.
 */
export function writeOutputFile(io: CliIo, file: string, data: string | Uint8Array): string {
  const full = path.resolve(io.cwd, file);
  const temporary = `${full}.${process.pid}.tmp`;
  try {
    const existing = lstatSync(full, { throwIfNoEntry: false });
    if (existing && statSync(full).isDirectory())
      throw new CliFailure(
        `Cannot write ${file}: it is a folder; give the name of a file to write.`,
        exitCodes.usage,
      );
    if (existing && !existing.isFile()) {
      writeFileSync(full, data);
      return full;
    }
    writeFileSync(temporary, data);
    renameSync(temporary, full);
    return full;
  } catch (e) {
    rmSync(temporary, { force: true });
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`Cannot write ${file}: ${unwritableReason(e, full)}.`, exitCodes.usage);
  }
}
