/** CycloneDX JSON 1.2–1.7: component limit, official JSON schema, then mapping. */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { SbomLimits } from '../../core/sbom/diagnostics.js';
import { isCycloneDxJsonVersion, validateCycloneDxJson } from '../validate/cyclonedx-json-schema.js';
import { arr, isRecord, rec, str, type JsonRecord } from './json-access.js';
import { mapCycloneDx } from './map-cyclonedx.js';
import { readFailure, type SbomReadFailure } from './read-failure.js';
import { finish, invalid, type SbomReadResult } from './sbom-read-result.js';

/**
 * `deferSchemaCheck`: map first and hand the schema check back as `schemaCheck`, so a caller can run
 * it while the database stores the rows (services/sboms.ts `uploadSbom`). The outcome is the same:
 * when mapping fails or finds errors the schema is checked at once, and its errors are reported
 * first, as without deferral.
 */
export function readCycloneDxJson(bom: JsonRecord, limits: SbomLimits, diagnostics: SbomDiagnostic[], deferSchemaCheck = false): SbomReadResult {
  const specVersion = str(bom, 'specVersion');
  if (!isCycloneDxJsonVersion(specVersion)) {
    return readFailure(
      'sbom.unsupported',
      `CycloneDX JSON with specVersion ${JSON.stringify(bom.specVersion ?? null)} is not supported (supported: 1.2–1.7)`,
      { code: 'format.unsupported_version', location: '/specVersion', rule: 'CycloneDX specVersion' },
      diagnostics,
    );
  }
  const what = `CycloneDX ${specVersion} JSON`;
  const count = countJsonComponents(bom, limits.maxComponents);
  if (count > limits.maxComponents) {
    return readFailure(
      'sbom.too_many_components',
      `${what} has more than ${limits.maxComponents} components`,
      { code: 'components.limit', location: '/components', rule: `mamori limit maxComponents = ${limits.maxComponents}` },
      diagnostics,
    );
  }
  const schemaCheck = (): SbomReadFailure | null => {
    const schemaErrors = validateCycloneDxJson(bom, specVersion);
    return schemaErrors.length > 0 ? invalid(what, [...diagnostics, ...schemaErrors]) : null;
  };
  if (!deferSchemaCheck) {
    const failure = schemaCheck();
    if (failure) return failure;
  }
  let mapped: ReturnType<typeof mapCycloneDx>;
  try {
    mapped = mapCycloneDx(bom, specVersion, 'json', (_node, pointer) => pointer);
  } catch (e) {
    // Only a document the schema refuses can upset the mapper: report that, as without deferral.
    const failure = deferSchemaCheck ? schemaCheck() : null;
    if (failure) return failure;
    throw e;
  }
  const result = finish(mapped.document, [...diagnostics, ...mapped.diagnostics], what);
  if (!deferSchemaCheck) return result;
  if (!result.ok) return schemaCheck() ?? result;
  return { ...result, schemaCheck };
}

/** Components in `components` trees (nested included, metadata.component too); stops past the limit. Depth is already bounded. */
function countJsonComponents(bom: JsonRecord, max: number): number {
  let n = 0;
  const stack: unknown[] = [...arr(bom, 'components')];
  const mc = rec(rec(bom, 'metadata'), 'component');
  if (mc) stack.push(...arr(mc, 'components'));
  while (stack.length > 0 && n <= max) {
    const c = stack.pop();
    n += 1;
    if (isRecord(c)) {
      const nested = arr(c, 'components');
      for (let i = 0; i < nested.length; i++) stack.push(nested[i]);
    }
  }
  return n;
}
