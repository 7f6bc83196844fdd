/**
 * Validation of VEX documents against their official schemas and rules.
 *
 * API
 *   validateCycloneDxVex(json): VexIssue[]        CycloneDX 1.6 JSON schema (the one src/sbom/validate uses)
 *   validateOpenVex(json): VexIssue[]             OpenVEX 0.2.0 JSON schema (bundled, CC0-1.0; schemas/README.md)
 *   validateCsaf(json, { strict? }): Promise<CsafValidation>   CSAF 2.0 schema (or the library's strict
 *                                                 variant) + every mandatory test (6.1.x) through
 *                                                 @secvisogram/csaf-validator-lib (loaded lazily)
 *   csafTestNames({ strict? }): Promise<string[]>
 *   validateVex(format, json): Promise<VexIssue[]>
 * An empty list means valid. Validators are compiled once, lazily.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { CsafDocumentTest, default as csafValidate } from '@secvisogram/csaf-validator-lib/validate.js';
import type { VexFormat } from '../core/vex/model.js';
import { validateCycloneDxJson } from '../sbom/validate/index.js';
import { addLinearUniqueItems, withLinearUniqueItems } from '../sbom/validate/unique-items.js';
import openVexSchema from './schemas/openvex_json_schema_0.2.0.json' with { type: 'json' };

export interface VexIssue {
  /** JSON pointer of the offending value ('' = document). */
  readonly path: string;
  readonly message: string;
  /** The schema or test that failed: `cyclonedx-1.6-schema`, `openvex-0.2.0-schema`, `csaf_2_0`, `mandatoryTest_6_1_27_9` … */
  readonly rule: string;
}

export function validateCycloneDxVex(json: unknown): VexIssue[] {
  return validateCycloneDxJson(json, '1.6').map((d) => ({
    path: d.location,
    message: d.message,
    rule: 'cyclonedx-1.6-schema',
  }));
}

let openVexValidator: ValidateFunction | null = null;

export function validateOpenVex(json: unknown): VexIssue[] {
  if (!openVexValidator) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // `iri` is not an ajv-formats format: an IRI is a URI that may hold non-ASCII characters.
    ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u);
    // `statements` is uniqueItems: checked in linear time as for CycloneDX (unique-items.ts).
    addLinearUniqueItems(ajv);
    openVexValidator = ajv.compile(withLinearUniqueItems(openVexSchema));
  }
  if (openVexValidator(json)) return [];
  return (openVexValidator.errors ?? []).map((e) => ({
    path: e.instancePath,
    message: `${e.message ?? 'invalid'}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''}`,
    rule: 'openvex-0.2.0-schema',
  }));
}

export interface CsafValidation {
  readonly valid: boolean;
  /** Names of the tests that failed (`csaf_2_0_strict`, `mandatoryTest_6_1_1` …). */
  readonly failedTests: readonly string[];
  readonly issues: readonly VexIssue[];
}

type CsafValidate = typeof csafValidate;
interface CsafLib {
  readonly validate: CsafValidate;
  readonly schema: CsafDocumentTest;
  readonly strictSchema: CsafDocumentTest;
  readonly mandatory: readonly CsafDocumentTest[];
}
let csafLib: Promise<CsafLib> | null = null;

/**
 * The library is loaded on first use. Only the library's own test functions are passed to its
 * `validate`: the strict entry point would also load the optional and informative tests (spell
 * checking, URL probes; tens of seconds on a busy machine) only to check that list.
 */
function loadCsafLib(): Promise<CsafLib> {
  csafLib ??= Promise.all([
    import('@secvisogram/csaf-validator-lib/validate.js'),
    import('@secvisogram/csaf-validator-lib/mandatoryTests.js'),
    import('@secvisogram/csaf-validator-lib/schemaTests.js'),
  ]).then(([validate, mandatory, schema]) => ({
    validate: validate.default,
    schema: schema.csaf_2_0,
    strictSchema: schema.csaf_2_0_strict,
    mandatory: Object.entries(mandatory)
      .filter(([name]) => name.startsWith('mandatoryTest_6_1_'))
      .map(([, test]) => test as CsafDocumentTest),
  }));
  return csafLib;
}

export interface CsafValidateOptions {
  /**
   * Use the library's strict schema (no properties beyond those CSAF defines; what optional test
   * 6.2.20 asks). Default false: the official CSAF 2.0 schema. Exports are checked strictly.
   */
  readonly strict?: boolean;
}

/** The test names validateCsaf runs (the schema first, then the mandatory tests). */
export async function csafTestNames(options: CsafValidateOptions = {}): Promise<string[]> {
  const lib = await loadCsafLib();
  return [options.strict ? lib.strictSchema : lib.schema, ...lib.mandatory].map((t) => t.name);
}

export async function validateCsaf(
  json: unknown,
  options: CsafValidateOptions = {},
): Promise<CsafValidation> {
  const lib = await loadCsafLib();
  const result = await lib.validate([options.strict ? lib.strictSchema : lib.schema, ...lib.mandatory], json);
  const failed = result.tests.filter((t) => !t.isValid);
  return {
    valid: result.isValid,
    failedTests: failed.map((t) => t.name),
    issues: failed.flatMap((t) =>
      t.errors.length > 0
        ? t.errors.map((e) => ({ path: e.instancePath, message: e.message, rule: t.name }))
        : [{ path: '', message: 'failed', rule: t.name }],
    ),
  };
}

export async function validateVex(format: VexFormat, json: unknown): Promise<VexIssue[]> {
  switch (format) {
    case 'cyclonedx':
      return validateCycloneDxVex(json);
    case 'openvex':
      return validateOpenVex(json);
    case 'csaf':
      return [...(await validateCsaf(json)).issues];
  }
}
