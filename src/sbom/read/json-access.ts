/**
 * Typed reads from parsed, schema-checked but still untrusted data. Every accessor tolerates the
 * wrong type (returns null / []), so mapping never throws on odd input that slipped past a schema.
 */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function rec(o: unknown, key: string): JsonRecord | null {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return null;
  const v = o[key];
  return isRecord(v) ? v : null;
}

export function str(o: unknown, key: string): string | null {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return null;
  const v = o[key];
  return typeof v === 'string' ? v : null;
}

export function num(o: unknown, key: string): number | null {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return null;
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function arr(o: unknown, key: string): readonly unknown[] {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return [];
  const v = o[key];
  return Array.isArray(v) ? v : [];
}

export function strings(o: unknown, key: string): string[] {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return [];
  const v = o[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Trimmed non-empty string or null. */
export function text(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}
