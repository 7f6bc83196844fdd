/**
 * CycloneDX JSON validation against the official JSON schemas (draft-07) for 1.2–1.7, as shipped
 * by @cyclonedx/cyclonedx-library in `res/schema/`. Each version is compiled once, lazily, on
 * first use, and cached for the life of the process. The schemas `$ref` spdx, jsf and
 * cryptography-defs by their SNAPSHOT file names; those are registered under the resolved ids.
 * Formats: ajv-formats for date-time/date/…; `iri-reference` and `idn-email` are accepted as
 * given (the CycloneDX library does the same for iri-reference; ajv has no IDN e-mail check).
 * `uniqueItems` runs in linear time (unique-items.ts).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { readCycloneDxSchemaText } from './schema-files.js';
import { addLinearUniqueItems, withLinearUniqueItems } from './unique-items.js';

export const cycloneDxJsonVersions = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;
export type CycloneDxJsonVersion = (typeof cycloneDxJsonVersions)[number];

const referencedSchemas = ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json'];
const compiled = new Map<CycloneDxJsonVersion, ValidateFunction>();

export function isCycloneDxJsonVersion(v: unknown): v is CycloneDxJsonVersion {
  return typeof v === 'string' && (cycloneDxJsonVersions as readonly string[]).includes(v);
}

export function schemaFileFor(version: CycloneDxJsonVersion): string {
  return `bom-${version}.SNAPSHOT.schema.json`;
}

function validatorFor(version: CycloneDxJsonVersion): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false });
    addFormats.default(ajv);
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', true);
    addLinearUniqueItems(ajv);
    for (const file of referencedSchemas) {
      const schema = JSON.parse(readCycloneDxSchemaText(file)) as Record<string, unknown>;
      ajv.addSchema(withLinearUniqueItems({ ...schema, $id: `http://cyclonedx.org/schema/${file}` }));
    }
    validate = ajv.compile(withLinearUniqueItems(JSON.parse(readCycloneDxSchemaText(schemaFileFor(version))) as object));
    compiled.set(version, validate);
  }
  return validate;
}

/** Schema diagnostics (errors) for a parsed CycloneDX JSON document; empty when valid. */
export function validateCycloneDxJson(document: unknown, version: CycloneDxJsonVersion): SbomDiagnostic[] {
  const validate = validatorFor(version);
  if (validate(document)) return [];
  return ajvDiagnostics(validate.errors, `CycloneDX ${version} JSON schema (${schemaFileFor(version)})`);
}
