/**
 * What readers, validators and quality checks report about a document. Errors make a document
 * unacceptable (nothing is stored); warnings are kept with it and shown to the user.
 */
export interface SbomDiagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable machine code, e.g. `schema`, `xml.doctype`, `size.limit`, `bomref.duplicate`, `dependency.dangling`. */
  readonly code: string;
  /** Where: a JSON pointer (`/components/3/purl`), an XML path, or `line 12` for tag-value. */
  readonly location: string;
  readonly message: string;
  /** The rule that was broken, e.g. the schema keyword and its schema path, or the spec section. */
  readonly rule: string | null;
  /**
   * The values `message` was built from, so that a screen can say it in its own language (by
   * `code`; for `schema`, by `args.keyword`). `message` stays the English reference; a diagnostic
   * without `args` (stored before they existed, or of a code no screen translates) is shown as it is.
   */
  readonly args?: Readonly<Record<string, string | number>>;
}

/** Limits applied to untrusted input before and during parsing. */
export interface SbomLimits {
  /** Largest accepted document, in bytes. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of JSON/XML structures. */
  readonly maxDepth: number;
  /** Most components (nested ones included) accepted in one document. */
  readonly maxComponents: number;
}

export const defaultSbomLimits: SbomLimits = { maxBytes: 200 * 1024 * 1024, maxDepth: 64, maxComponents: 500_000 };
