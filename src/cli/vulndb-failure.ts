/** Failures of the vulnerability database file as CLI failures that say what to fix. */
import { VulnDbError } from '../vulndb/database.js';
import { describeFileFailure, sqliteCode } from '../vulndb/file-access.js';
import { CliFailure, exitCodes } from './exit-codes.js';

/**
 * A failure of the vulnerability database file met while a command used it (an SQLite error: no
 * permission, a read-only file or folder, a full disk, a lock held too long, a damaged file) as a
 * usage error (exit 2) that names the file and says what to do, not an internal error with a stack
 * trace; a `VulnDbError` as a usage error with its message (`prefix` before it); anything else as it is.
 */
export function vulnDbFailure(e: unknown, file: string, writing: boolean, prefix = ''): unknown {
  if (e instanceof VulnDbError) return new CliFailure(`${prefix}${e.message}`, exitCodes.usage);
  if (sqliteCode(e) === null) return e;
  const problem = describeFileFailure(e, file, writing);
  return problem === null
    ? e
    : new CliFailure(
        `Cannot ${writing ? 'write' : 'read'} the vulnerability database ${file}: ${problem}.`,
        exitCodes.usage,
      );
}
