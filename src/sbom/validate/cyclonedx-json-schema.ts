/**
 * CycloneDX JSON validation against the official JSON schemas (draft-07) for 1.2–1.7, as shipped
 * by @cyclonedx/cyclonedx-library in `res/schema/`. Each version's validator is loaded once, lazily,
 * on first use, and cached for the life of the process: from the standalone module generated at
 * build time when there is one (dist/, see standalone.ts), else compiled with ajv (source runs).
 * The schemas `$ref` spdx, jsf and cryptography-defs by their SNAPSHOT file names; those are
 * registered under the resolved ids.
 * Formats: ajv-formats for date-time/date/…; `iri-reference` and `idn-email` are accepted as
 * given (the CycloneDX library does the same for iri-reference; ajv has no IDN e-mail check).
 * `uniqueItems` runs in linear time (unique-items.ts), and enums of many strings (the SPDX licence
 * ids) with one Set lookup (string-enums.ts), and the hash patterns as a length and a class scan
 * (pattern-regexp.ts).
 */
import { createRequire } from 'node:module';
import type { Ajv, CodeOptions, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import type addFormatsModule from 'ajv-formats';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { readCycloneDxSchemaText } from './schema-files.js';
import { loadStandaloneValidator } from './standalone-loader.js';
import { patternRegExp } from './pattern-regexp.js';
import { addSetStringEnums, withSetStringEnums } from './string-enums.js';
import { addLinearUniqueItems, withLinearUniqueItems } from './unique-items.js';

export const cycloneDxJsonVersions = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;
export type CycloneDxJsonVersion = (typeof cycloneDxJsonVersions)[number];

// The ajv compiler is loaded only to compile a schema (source runs, the build's generator): the built
// code validates with the generated modules and never loads it (ADR 0008 addendum).
const require = createRequire(import.meta.url);

const referencedSchemas = ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json'];
const compiled = new Map<CycloneDxJsonVersion, ValidateFunction>();

export function isCycloneDxJsonVersion(v: unknown): v is CycloneDxJsonVersion {
  return typeof v === 'string' && (cycloneDxJsonVersions as readonly string[]).includes(v);
}

export function schemaFileFor(version: CycloneDxJsonVersion): string {
  return `bom-${version}.SNAPSHOT.schema.json`;
}

/**
 * The ajv instance and (uniqueItems-rewritten) root schema for one version, configured exactly as
 * for validation; `code` is only set by the standalone generator (standalone.ts).
 */
export function cycloneDxJsonAjv(version: CycloneDxJsonVersion, code?: CodeOptions): { ajv: Ajv; schema: object } {
  const { Ajv } = require('ajv') as typeof AjvModule;
  const addFormats = require('ajv-formats') as typeof addFormatsModule;
  const ajv: Ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false, code: { ...code, regExp: patternRegExp } });
  addFormats.default(ajv);
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  addLinearUniqueItems(ajv);
  addSetStringEnums(ajv);
  const rewrite = <T>(schema: T): T => withSetStringEnums(withLinearUniqueItems(schema));
  for (const file of referencedSchemas) {
    const schema = JSON.parse(readCycloneDxSchemaText(file)) as Record<string, unknown>;
    ajv.addSchema(rewrite({ ...schema, $id: `http://cyclonedx.org/schema/${file}` }));
  }
  return { ajv, schema: rewrite(JSON.parse(readCycloneDxSchemaText(schemaFileFor(version))) as object) };
}

function validatorFor(version: CycloneDxJsonVersion): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    validate = loadStandaloneValidator(`cyclonedx-${version}`) ?? compileCycloneDxJson(version);
    compiled.set(version, validate);
  }
  return validate;
}

function compileCycloneDxJson(version: CycloneDxJsonVersion): ValidateFunction {
  const { ajv, schema } = cycloneDxJsonAjv(version);
  return ajv.compile(schema);
}

/** Schema diagnostics (errors) for a parsed CycloneDX JSON document; empty when valid. */
export function validateCycloneDxJson(document: unknown, version: CycloneDxJsonVersion): SbomDiagnostic[] {
  const validate = validatorFor(version);
  if (validate(document)) return [];
  return ajvDiagnostics(validate.errors, `CycloneDX ${version} JSON schema (${schemaFileFor(version)})`);
}
