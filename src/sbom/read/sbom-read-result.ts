import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { Component, Dependency, SbomDocument } from '../../core/sbom/model.js';
import { readFailure, type SbomReadFailure } from './read-failure.js';

export type { SbomReadFailure, SbomReadFailureCode } from './read-failure.js';

/** What readSbom returns: a document with warnings, or a stable failure code with diagnostics. */
export type SbomReadResult = { readonly ok: true; readonly document: SbomDocument; readonly diagnostics: SbomDiagnostic[] } | SbomReadFailure;

/**
 * What readSbomStream returns: a document whose components are handed over as they are mapped, for
 * a caller that stores them meanwhile (an upload: ADR 0007 addendum 3). Reading it to the end gives
 * exactly readSbom's outcome:
 * - `components()` yields the top-level components (nested ones inside their parent) in document
 *   order, once. If the mapper fails on a document (only one the schema refuses can upset it), the
 *   iteration throws `SbomRefused` carrying the failure readSbom returns.
 * - `dependencies()` after that.
 * - `finish()` last: the checks that could not run before (the official schema check of a CycloneDX
 *   JSON document, and any error diagnostic found while mapping). It throws `SbomRefused` with
 *   readSbom's failure when the document is refused. An upload calls it while the database is still
 *   storing the rows, so the check costs no time of its own (ADR 0007 addendum 5).
 * `diagnostics` are the warnings, complete once all three have run.
 */
export interface SbomStream {
  readonly head: Pick<SbomDocument, 'format' | 'specVersion' | 'encoding' | 'metadata'>;
  readonly diagnostics: readonly SbomDiagnostic[];
  components(): Iterable<Component>;
  dependencies(): readonly Dependency[];
  finish(): void;
}

export type SbomStreamResult = { readonly ok: true; readonly stream: SbomStream } | SbomReadFailure;

/** Thrown while an SbomStream's components are read: the document is refused, `failure` says why. */
export class SbomRefused extends Error {
  constructor(readonly failure: SbomReadFailure) {
    super(failure.message);
    this.name = 'SbomRefused';
  }
}

/** A document already read whole, as a stream. */
export function documentStream(document: SbomDocument, diagnostics: readonly SbomDiagnostic[]): SbomStream {
  const { format, specVersion, encoding, metadata } = document;
  return {
    head: { format, specVersion, encoding, metadata },
    diagnostics,
    components: () => document.components,
    dependencies: () => document.dependencies,
    // Read and checked whole already (readSbom refuses what is refused).
    finish: () => undefined,
  };
}

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
