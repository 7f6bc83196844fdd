import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { SbomDocument } from '../../core/sbom/model.js';
import { readFailure, type SbomReadFailure } from './read-failure.js';

export type { SbomReadFailure, SbomReadFailureCode } from './read-failure.js';

/**
 * What readSbom returns: a document with warnings, or a stable failure code with diagnostics.
 * `schemaCheck` is there only when the caller asked to defer the official schema check
 * (`ReadSbomOptions.deferSchemaCheck`): the document is not accepted until it has run and returned
 * null; a failure it returns is the one readSbom would have returned.
 */
export type SbomReadResult =
  | { readonly ok: true; readonly document: SbomDocument; readonly diagnostics: SbomDiagnostic[]; readonly schemaCheck?: () => SbomReadFailure | null }
  | SbomReadFailure;

/**
 * Final step of every reader: any error diagnostic makes the document unacceptable
 * (diagnostics.ts: "Errors make a document unacceptable"), so the result is `sbom.invalid`.
 */
export function finish(document: SbomDocument, diagnostics: SbomDiagnostic[], what: string): SbomReadResult {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { ok: true, document, diagnostics };
  return invalid(what, diagnostics);
}

export function invalid(what: string, diagnostics: SbomDiagnostic[]): SbomReadFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (!first) return readFailure('sbom.invalid', `${what} is not valid`, { code: 'invalid', location: '', rule: null }, diagnostics);
  return {
    ok: false,
    code: 'sbom.invalid',
    message: `${what} is not valid: ${errors.length} error${errors.length === 1 ? '' : 's'}, first at ${first.location || 'document'}: ${first.message}`,
    diagnostics,
  };
}
