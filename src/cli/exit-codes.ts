/** CLI exit codes (DESIGN.md): 0 ok, 1 the check failed, 2 usage or input error, 3 internal error. */
import { errorKind, isErrorCode } from '../core/errors.js';

export const exitCodes = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;

/** A failure that ends a command with a message on stderr and a chosen exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Refusals that mean "the document failed the check", like `sbom validate` exiting 1. */
const documentInvalid = new Set(['sbom.invalid', 'sbom.too_large', 'sbom.too_deep', 'sbom.too_many_components']);

export function exitCodeForError(code: string): number {
  if (!isErrorCode(code)) return exitCodes.usage;
  if (documentInvalid.has(code)) return exitCodes.checkFailed;
  const kind = errorKind(code);
  if (kind === 'check_failed') return exitCodes.checkFailed;
  if (kind === 'internal') return exitCodes.internal;
  return exitCodes.usage;
}
