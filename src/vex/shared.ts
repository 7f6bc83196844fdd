/**
 * Helpers shared by the VEX writers and readers: JSON access on untrusted input, vulnerability
 * source names, the read result type and response normalisation. Internal to src/vex.
 */
import type { Issue } from '../core/result.js';
import {
  isVexResponse,
  type VexFormat,
  type VexDocument,
  type VexResponse,
  vexResponses,
} from '../core/vex/model.js';
import type { VexLang } from '../core/vex/mapping.js';

export type JsonObject = Record<string, unknown>;

export function isRecord(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
export const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const records = (x: unknown): JsonObject[] => arr(x).filter(isRecord);

/** What a reader returns: the model plus what it could not map (never silent). */
export type VexReadResult =
  | {
      readonly ok: true;
      readonly format: VexFormat;
      readonly document: VexDocument;
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly code: 'vex.unreadable' | 'vex.unsupported' | 'vex.invalid';
      readonly message: string;
      readonly issues: readonly Issue[];
    };

export function readFailure(
  code: 'vex.unreadable' | 'vex.unsupported' | 'vex.invalid',
  message: string,
  issues: Issue[] = [],
): VexReadResult {
  return { ok: false, code, message, issues };
}

/** Responses sorted in the CycloneDX enum order, duplicates removed. */
export function normaliseResponses(xs: readonly unknown[]): VexResponse[] {
  const set = new Set(xs.filter(isVexResponse));
  return vexResponses.filter((r) => set.has(r));
}

/** Sorted unique aliases without the id itself. */
export function normaliseAliases(id: string, aliases: readonly unknown[]): string[] {
  return [
    ...new Set(aliases.filter((a): a is string => typeof a === 'string' && a !== '' && a !== id)),
  ].sort();
}

/** Where a vulnerability id comes from, by prefix (CycloneDX `source`, CSAF `ids[].system_name`). */
export function vulnerabilitySource(id: string): { name: string; url: string | null } {
  if (/^CVE-\d{4}-\d{4,}$/.test(id)) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  if (id.startsWith('JVNDB-')) return { name: 'JVN iPedia', url: null };
  const prefix = /^([A-Za-z]+)-/.exec(id)?.[1];
  return prefix
    ? { name: prefix === 'OSV' ? 'OSV' : prefix, url: `https://osv.dev/vulnerability/${id}` }
    : { name: 'other', url: null };
}

export const isCve = (id: string): boolean => /^CVE-\d{4}-\d{4,}$/.test(id);

export function langOf(x: unknown): VexLang {
  return x === 'ja' ? 'ja' : 'en';
}

export function parseJsonText(
  input: string | Uint8Array,
): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { ok: false, message: 'not valid UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` };
  }
}

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
