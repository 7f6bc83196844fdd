/**
 * JSON Schema `enum` of many strings, checked with one Set lookup. ajv compiles an enum of 200 or
 * more values to a loop calling its deep-equality function on each value in turn; CycloneDX names
 * every SPDX licence id that way (about 700 ids in spdx.schema.json), so each component's
 * `license.id` cost hundreds of calls (MIT is about the 400th id): about a quarter of the schema check
 * of the 50,000-component benchmark SBOM. The schemas are therefore loaded with every enum of at
 * least `minValues` strings renamed to this keyword, which has the same meaning: valid exactly when
 * the value is a string equal to one of them (a string enum's values can equal nothing else).
 * A failure has `enum`'s message and params (the allowed values); ajvDiagnostics reports it under
 * the `enum` keyword and the official schema path.
 */
import { createRequire } from 'node:module';
import type { Ajv, KeywordCxt, KeywordDefinition } from 'ajv';
import type * as AjvModule from 'ajv';

// ajv is loaded only when the keyword is added (compiling a schema), as in unique-items.ts.
const require = createRequire(import.meta.url);

export const stringEnumKeyword = 'x-mamori-enum';

/** Enums with fewer values stay as they are: ajv compiles them to a chain of `===`, which is as fast. */
export const minValues = 64;

function isStringEnum(v: unknown): v is string[] {
  return Array.isArray(v) && v.length >= minValues && v.every((x) => typeof x === 'string');
}

/** Deep copy of a schema with every `enum` of at least `minValues` strings replaced by the Set keyword. */
export function withSetStringEnums<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((s: unknown) => withSetStringEnums(s)) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' && isStringEnum(v)) out[stringEnumKeyword] = v;
    else out[k] = withSetStringEnums(v);
  }
  return out as T;
}

/**
 * The keyword's code: a Set held in ajv's scope (written out as `new Set([...])` in standalone
 * modules) and one `has` per value; any value that is not a string fails, as it would `enum`.
 */
export function addSetStringEnums(ajv: Ajv | { addKeyword(def: KeywordDefinition): unknown }): void {
  const { _, stringify } = require('ajv') as typeof AjvModule;
  ajv.addKeyword({
    keyword: stringEnumKeyword,
    schemaType: 'array',
    code(cxt: KeywordCxt) {
      const values = cxt.schema as string[];
      const set = cxt.gen.scopeValue('obj', { ref: new Set(values), code: _`new Set(${stringify(values)})` });
      cxt.fail(_`!(typeof ${cxt.data} == "string" && ${set}.has(${cxt.data}))`);
    },
    error: {
      message: 'must be equal to one of the allowed values',
      params: ({ schemaCode }) => _`{allowedValues: ${schemaCode}}`,
    },
  });
}
