/**
 * What every feed parser returns: the records it could read, and a counted, reasoned reject for
 * each entry it could not. A document that cannot be read at all (not JSON, too large, a DOCTYPE)
 * yields no records and `documentError`. Parsers never throw on bad input.
 */
export interface ParseReject {
  /** Position of the entry in its document (0-based); -1 for the document itself. */
  readonly index: number;
  /** Identifier of the entry when one could be read (CVE id, JVNDB id). */
  readonly id?: string;
  readonly reason: string;
}

export interface ParsedFeed<T, M = undefined> {
  readonly meta?: M;
  readonly records: readonly T[];
  readonly rejects: readonly ParseReject[];
  readonly documentError?: string;
}

/** Default cap on a document handed to a parser in one piece (the NVD yearly feeds are the largest). */
export const defaultMaxDocumentBytes = 512 * 1024 * 1024;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** JSON.parse that reports failure as a value. */
export function parseJsonDocument(text: string, maxBytes: number): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.length > maxBytes) return { ok: false, error: `document larger than ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${(e as Error).message}` };
  }
}
