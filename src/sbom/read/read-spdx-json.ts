/** SPDX 2.2 / 2.3 JSON: package limit, official (bundled) JSON schema, then mapping. */
import type { SbomDiagnostic, SbomLimits } from '../../core/sbom/diagnostics.js';
import { validateSpdxJson, type SpdxVersion } from '../validate/spdx-json-schema.js';
import { arr, type JsonRecord } from './json-access.js';
import { mapSpdx } from './map-spdx.js';
import { readFailure } from './read-failure.js';
import { finish, invalid, type SbomReadResult } from './sbom-read-result.js';

export function readSpdxJson(doc: JsonRecord, version: SpdxVersion, limits: SbomLimits, diagnostics: SbomDiagnostic[]): SbomReadResult {
  const what = `SPDX ${version} JSON`;
  if (arr(doc, 'packages').length > limits.maxComponents) {
    return readFailure(
      'sbom.too_many_components',
      `${what} has more than ${limits.maxComponents} packages`,
      { code: 'components.limit', location: '/packages', rule: `mamori limit maxComponents = ${limits.maxComponents}`, args: { limit: limits.maxComponents } },
      diagnostics,
    );
  }
  const schemaErrors = validateSpdxJson(doc, version);
  if (schemaErrors.length > 0) return invalid(what, [...diagnostics, ...schemaErrors]);
  const mapped = mapSpdx(doc, version, 'json', (_node, pointer) => pointer);
  return finish(mapped.document, [...diagnostics, ...mapped.diagnostics], what);
}
