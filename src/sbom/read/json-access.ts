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

/**
 * One shared, frozen empty list. Mappers return it for every absent or empty list: the model's lists
 * are readonly, and 50,000 components should not cost several hundred thousand empty arrays (each
 * one survives into the stored document and has to be copied by the garbage collector).
 */
export const noItems: readonly never[] = Object.freeze([]);

export function arr(o: unknown, key: string): readonly unknown[] {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return noItems;
  const v = o[key];
  return Array.isArray(v) ? v : noItems;
}

export function strings(o: unknown, key: string): readonly string[] {
  if (!isRecord(o) || !Object.hasOwn(o, key)) return noItems;
  const v = o[key];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.length === 0) return noItems;
  return v.filter((x): x is string => typeof x === 'string');
}

/** Trimmed non-empty string or null. */
export function text(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}
