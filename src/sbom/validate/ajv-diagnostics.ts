/** ajv errors → SbomDiagnostic: the instance path is the location, keyword + schemaPath the rule. */
import type { ErrorObject } from 'ajv';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';

/** At most this many schema diagnostics per document; the rest are summarised in one more. */
export const maxSchemaDiagnostics = 100;

export function ajvDiagnostics(errors: readonly ErrorObject[] | null | undefined, schemaName: string, locate?: (pointer: string) => string): SbomDiagnostic[] {
  const out: SbomDiagnostic[] = [];
  if (!errors) return out;
  const seen = new Set<string>();
  for (const e of errors) {
    const key = `${e.instancePath}|${e.schemaPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length === maxSchemaDiagnostics) {
      out.push({ severity: 'error', code: 'schema', location: '', message: `${errors.length - maxSchemaDiagnostics} more schema errors not shown`, rule: schemaName });
      break;
    }
    out.push({
      severity: 'error',
      code: 'schema',
      location: locate ? locate(e.instancePath) : e.instancePath,
      message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${describeParams(e)}`,
      rule: `${schemaName} ${e.keyword} ${e.schemaPath}`,
    });
  }
  return out;
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') return ` ("${p.additionalProperty}")`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) return `: ${p.allowedValues.slice(0, 12).map(String).join(', ')}`;
  return '';
}
