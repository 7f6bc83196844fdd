/**
 * Bounded readers for the structured text lockfiles are written in (JSON, YAML, TOML). Each checks
 * the size first, parses with safe options (YAML: failsafe schema, no custom tags, few aliases), then
 * copies the result into plain data while checking depth and dropping `__proto__` keys, so nothing
 * from the file can reach an object prototype. Failures are values, never exceptions.
 */
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import type { LockfileError } from './lockfile-package.js';

export type Data = string | number | boolean | null | readonly Data[] | { readonly [key: string]: Data };
export type DataRecord = { readonly [key: string]: Data };

export type TextResult = { readonly ok: true; readonly value: Data } | { readonly ok: false; readonly error: LockfileError };

export function isRecord(value: unknown): value is DataRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a non-empty string (numbers are given as text, as YAML/TOML may type them). */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

export function list(value: unknown): readonly Data[] {
  return Array.isArray(value) ? (value as readonly Data[]) : [];
}

/** Own entries of a record (empty for anything else). */
export function entries(value: unknown): readonly (readonly [string, Data])[] {
  return isRecord(value) ? Object.entries(value) : [];
}

class TooDeep extends Error {}

function plain(value: unknown, depth: number, maxDepth: number): Data {
  if (depth > maxDepth) throw new TooDeep();
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1, maxDepth));
  if (value instanceof Map) {
    const out: Record<string, Data> = {};
    for (const [k, v] of value) {
      const key = String(k);
      if (key !== '__proto__') out[key] = plain(v, depth + 1, maxDepth);
    }
    return out;
  }
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, Data> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '__proto__') out[k] = plain(v, depth + 1, maxDepth);
    return out;
  }
  // TOML dates and other scalars become their text.
  return (value as { toString(): string }).toString();
}

function tooLarge(kind: string, limits: LockfileLimits, length: number): TextResult | null {
  if (length <= limits.maxBytes) return null;
  return { ok: false, error: { code: 'lockfile.too_large', message: `${kind} text is ${length} bytes, more than the limit of ${limits.maxBytes}` } };
}

function tooDeep(kind: string, limits: LockfileLimits): TextResult {
  return { ok: false, error: { code: 'lockfile.too_deep', message: `${kind} nesting is deeper than the limit of ${limits.maxDepth}` } };
}

/** Deepest bracket nesting of JSON text, counted without parsing (strings are skipped). */
function jsonDepth(source: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function readJson(source: string, limits: LockfileLimits = defaultLockfileLimits): TextResult {
  const big = tooLarge('JSON', limits, source.length);
  if (big) return big;
  if (jsonDepth(source, limits.maxDepth) > limits.maxDepth) return tooDeep('JSON', limits);
  try {
    const value = JSON.parse(source.replace(/^\uFEFF/, ''), (key, v: unknown) => (key === '__proto__' ? undefined : v)) as unknown;
    return { ok: true, value: plain(value, 0, limits.maxDepth + 1) };
  } catch (e) {
    return { ok: false, error: { code: 'lockfile.invalid', message: `not valid JSON: ${(e as Error).message}` } };
  }
}

export function readYaml(source: string, limits: LockfileLimits = defaultLockfileLimits): TextResult {
  const big = tooLarge('YAML', limits, source.length);
  if (big) return big;
  try {
    // failsafe: every scalar stays text (no `1.10` → 1.1, no `yes` → true); no custom tags.
    const doc = parseDocument(source, { schema: 'failsafe', customTags: [], uniqueKeys: false, prettyErrors: false, version: '1.2' });
    if (doc.errors.length > 0) return { ok: false, error: { code: 'lockfile.invalid', message: `not valid YAML: ${doc.errors[0]!.message}` } };
    const value: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    return { ok: true, value: plain(value, 0, limits.maxDepth) };
  } catch (e) {
    if (e instanceof TooDeep) return tooDeep('YAML', limits);
    return { ok: false, error: { code: 'lockfile.invalid', message: `not valid YAML: ${(e as Error).message}` } };
  }
}

export function readToml(source: string, limits: LockfileLimits = defaultLockfileLimits): TextResult {
  const big = tooLarge('TOML', limits, source.length);
  if (big) return big;
  try {
    const value: unknown = parseToml(source, { maxDepth: limits.maxDepth });
    return { ok: true, value: plain(value, 0, limits.maxDepth + 1) };
  } catch (e) {
    if (e instanceof TooDeep) return tooDeep('TOML', limits);
    return { ok: false, error: { code: 'lockfile.invalid', message: `not valid TOML: ${(e as Error).message}` } };
  }
}

/** Splits text into lines after the size check; null when too large. */
export function readLines(source: string, limits: LockfileLimits = defaultLockfileLimits): readonly string[] | null {
  if (source.length > limits.maxBytes) return null;
  return source.replace(/^\uFEFF/, '').split(/\r?\n/);
}
