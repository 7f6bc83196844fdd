/** CLI exit codes (DESIGN.md): 0 ok, 1 the check failed, 2 usage or input error, 3 internal error. */
import { errorKind, isErrorCode } from '../core/errors.js';

export const exitCodes = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;

/**
 * The exit code of a command stopped by a signal it took (`CliIo.takeStop`): 128 + the signal's
 * number, as shells report a process the signal ended (130 for SIGINT / Ctrl-C, 143 for SIGTERM).
 */
export function stoppedExitCode(reason: unknown): number {
  return reason === 'SIGTERM' ? 143 : 130;
}

/** How a stop request is named in messages: "Ctrl-C (SIGINT)", "SIGTERM". */
export function stopName(reason: unknown): string {
  return reason === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C (SIGINT)';
}

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
