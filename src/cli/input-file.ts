/**
 * Reading and writing files named on the command line: a missing file, a folder, a file that cannot
 * be read or written, or one over the size limit is a usage error with a message that says which
 * (never a stack trace).
 */
import { lstatSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliFailure, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Why a file operation failed, in words, from a Node error; `words` has what depends on the operation. */
function reasonOf(e: unknown, words: Readonly<Record<string, string>>): string {
  const code = (e as NodeJS.ErrnoException).code;
  const common: Readonly<Record<string, string>> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  return (code === undefined ? undefined : (words[code] ?? common[code])) ?? code ?? (e as Error).message;
}

/** Why a file could not be read, in words, from a Node error. */
export function unreadableReason(e: unknown): string {
  return reasonOf(e, { ENOENT: 'no such file', EISDIR: 'it is a folder, not a file' });
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
  return reasonOf(e, {
    ENOENT: `the folder ${path.dirname(full)} does not exist`,
    EISDIR: 'it is a folder; give the name of a file to write',
  });
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
