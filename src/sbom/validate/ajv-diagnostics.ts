/** ajv errors → SbomDiagnostic: the instance path is the location, keyword + schemaPath the rule. */
import type { ErrorObject } from 'ajv';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { stringEnumKeyword } from './string-enums.js';
import { uniqueItemsKeyword } from './unique-items.js';

/** mamori's faster stand-ins for official keywords (string-enums.ts, unique-items.ts), by the keyword they stand for. */
const standIns: Readonly<Record<string, string>> = { [stringEnumKeyword]: 'enum', [uniqueItemsKeyword]: 'uniqueItems' };

/** An error with the official keyword and schema path (ajv ends a keyword's schema path with the keyword's name). */
function official(e: ErrorObject): ErrorObject {
  const last = e.schemaPath.slice(e.schemaPath.lastIndexOf('/') + 1);
  const stood = standIns[last];
  return stood === undefined ? e : { ...e, keyword: stood, schemaPath: `${e.schemaPath.slice(0, -last.length)}${stood}` };
}

/** The first values of a list, for a message (at most `shownValues`). */
const shownValues = 12;
function firstValues(list: readonly unknown[]): string {
  return list.slice(0, shownValues).map(String).join(', ');
}

/** At most this many schema diagnostics per document; the rest are summarised in one more. */
export const maxSchemaDiagnostics = 100;

export function ajvDiagnostics(errors: readonly ErrorObject[] | null | undefined, schemaName: string, locate?: (pointer: string) => string): SbomDiagnostic[] {
  const out: SbomDiagnostic[] = [];
  if (!errors) return out;
  const seen = new Set<string>();
  for (const raw of errors) {
    const e = official(raw);
    const key = `${e.instancePath}|${e.schemaPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length === maxSchemaDiagnostics) {
      out.push({ severity: 'error', code: 'schema', location: '', message: `${errors.length - maxSchemaDiagnostics} more schema errors not shown`, rule: schemaName, args: { count: errors.length - maxSchemaDiagnostics, variant: 'more' } });
      break;
    }
    out.push({
      severity: 'error',
      code: 'schema',
      location: locate ? locate(e.instancePath) : e.instancePath,
      message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${describeParams(e)}`,
      rule: `${schemaName} ${e.keyword} ${e.schemaPath}`,
      args: schemaArgs(e),
    });
  }
  return out;
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') return ` ("${p.additionalProperty}")`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) return `: ${firstValues(p.allowedValues)}`;
  return '';
}

/** What a translated schema message needs: the keyword, and its params as text (lists as their first values, then "…"). */
function schemaArgs(e: ErrorObject): Record<string, string | number> {
  const args: Record<string, string | number> = { keyword: e.keyword };
  for (const [k, v] of Object.entries(e.params as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') args[k] = v;
    else if (Array.isArray(v)) args[k] = firstValues(v) + (v.length > shownValues ? ', …' : '');
    else if (typeof v === 'boolean' || v === null) args[k] = String(v);
  }
  return args;
}
