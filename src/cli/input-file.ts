/**
 * Reading a file named on the command line: a missing file, a folder, a file that cannot be read or
 * one over the size limit is a usage error with a message that says which (never a stack trace).
 */
import { readFileSync, statSync } from 'node:fs';
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
