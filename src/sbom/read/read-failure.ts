import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';

/** The stable codes readSbom fails with (DESIGN.md: expected failures are values). */
export type SbomReadFailureCode =
  | 'sbom.unsupported'
  | 'sbom.unreadable'
  | 'sbom.invalid'
  | 'sbom.too_large'
  | 'sbom.too_deep'
  | 'sbom.too_many_components';

export interface SbomReadFailure {
  readonly ok: false;
  readonly code: SbomReadFailureCode;
  readonly message: string;
  readonly diagnostics: SbomDiagnostic[];
}

/**
 * A failure whose single diagnostic repeats the message, so every failure names where and why. The
 * diagnostic's `args` are the values its message was built from, for the web app's translation
 * (web/src/pages/release/diagnostic-text.ts): the message itself stays the English reference.
 */
export function readFailure(
  code: SbomReadFailureCode,
  message: string,
  diagnostic: Omit<SbomDiagnostic, 'severity' | 'message'> & { message?: string },
  diagnostics: SbomDiagnostic[] = [],
): SbomReadFailure {
  return {
    ok: false,
    code,
    message,
    diagnostics: [
      ...diagnostics,
      {
        severity: 'error',
        message: diagnostic.message ?? message,
        code: diagnostic.code,
        location: diagnostic.location,
        rule: diagnostic.rule,
        ...(diagnostic.args ? { args: diagnostic.args } : {}),
      },
    ],
  };
}
