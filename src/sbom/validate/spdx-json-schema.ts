/**
 * SPDX 2.2 / 2.3 JSON validation against the official schemas bundled in schemas/spdx/ (2.2 is
 * draft-07, the 2.3.1 schema declares JSON Schema 2019-09). Loaded once per version, lazily: the
 * standalone module generated at build time when there is one (see standalone.ts), else compiled.
 */
import { createRequire } from 'node:module';
import type { Ajv, CodeOptions, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import type { Ajv2019 } from 'ajv/dist/2019.js';
import type * as Ajv2019Module from 'ajv/dist/2019.js';
import type addFormatsModule from 'ajv-formats';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { patternRegExp } from './pattern-regexp.js';
import { loadStandaloneValidator } from './standalone-loader.js';
import spdx22 from './schemas/spdx/spdx-2.2.schema.json' with { type: 'json' };
import spdx23 from './schemas/spdx/spdx-2.3.schema.json' with { type: 'json' };

export const spdxVersions = ['2.2', '2.3'] as const;
export type SpdxVersion = (typeof spdxVersions)[number];

const compiled = new Map<SpdxVersion, ValidateFunction>();

// The ajv compiler is loaded only to compile a schema, as in cyclonedx-json-schema.ts.
const require = createRequire(import.meta.url);

/** The ajv instance and schema for one version, configured exactly as for validation; `code` only for standalone.ts. */
export function spdxJsonAjv(version: SpdxVersion, code?: CodeOptions): { ajv: Ajv | Ajv2019; schema: object } {
  const options = { strict: false, allErrors: true, validateSchema: false, addUsedSchema: false, code: { ...code, regExp: patternRegExp } } as const;
  const { Ajv } = require('ajv') as typeof AjvModule;
  const { Ajv2019 } = require('ajv/dist/2019.js') as typeof Ajv2019Module;
  const addFormats = require('ajv-formats') as typeof addFormatsModule;
  const ajv: Ajv | Ajv2019 = version === '2.2' ? new Ajv(options) : new Ajv2019(options);
  addFormats.default(ajv);
  return { ajv, schema: version === '2.2' ? spdx22 : spdx23 };
}

function validatorFor(version: SpdxVersion): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    validate = loadStandaloneValidator(`spdx-${version}`) ?? compileSpdxJson(version);
    compiled.set(version, validate);
  }
  return validate;
}

function compileSpdxJson(version: SpdxVersion): ValidateFunction {
  const { ajv, schema } = spdxJsonAjv(version);
  return ajv.compile(schema);
}

/** Schema diagnostics (errors) for a parsed SPDX JSON document; empty when valid. */
export function validateSpdxJson(document: unknown, version: SpdxVersion, locate?: (pointer: string) => string): SbomDiagnostic[] {
  const validate = validatorFor(version);
  if (validate(document)) return [];
  return ajvDiagnostics(validate.errors, `SPDX ${version} JSON schema (spdx-${version}.schema.json)`, locate);
}
