/**
 * JSON Schema `uniqueItems` in linear time. ajv compares array items pairwise with deep equality
 * (O(n²)) unless it can prove the items are scalars; CycloneDX puts `uniqueItems: true` on
 * `components`, `dependencies`, … so a 50,000-component BOM would need over a billion deep
 * comparisons. The schemas are therefore loaded with `uniqueItems: true` renamed to this keyword,
 * which has the same meaning (no two items deeply equal) but buckets items by a cheap shallow
 * signature and compares canonical serialisations only within a bucket (linear unless many
 * items share the identity members and differ elsewhere).
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, KeywordCxt, KeywordDefinition } from 'ajv';
import type * as AjvModule from 'ajv';
import type * as AjvErrors from 'ajv/dist/compile/errors.js';
import type namesModule from 'ajv/dist/compile/names.js';

// ajv is loaded only to add the keyword (compiling a schema: source runs, the build), not by the
// validators generated at build time, which call linearUniqueItemsErrors: `mamori scan` then does not
// load the ajv compiler (about 50 ms of its start).
const require = createRequire(import.meta.url);

export const uniqueItemsKeyword = 'x-mamori-uniqueItems';

/** Deep copy of a schema with every `uniqueItems: true` replaced by the linear-time keyword. */
export function withLinearUniqueItems<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((s: unknown) => withLinearUniqueItems(s)) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'uniqueItems' && v === true) out[uniqueItemsKeyword] = true;
    else out[k] = withLinearUniqueItems(v);
  }
  return out as T;
}

/**
 * Name under which ajv standalone code (standalone.ts) refers to `linearUniqueItemsErrors`: the
 * generated module imports it from this module under that name.
 */
export const uniqueItemsRuntimeName = 'mamoriLinearUniqueItemsErrors';

/**
 * The error for an array with two deeply equal items, or null. Called by the validation code that
 * the keyword generates (at runtime compile and in the standalone modules alike).
 */
export function linearUniqueItemsErrors(data: readonly unknown[]): [Partial<ErrorObject>] | null {
  if (data.length < 2) return null;
  const duplicate = findDuplicate(data);
  if (duplicate === null) return null;
  return [
    {
      keyword: 'uniqueItems',
      message: `must NOT have duplicate items (items ## ${duplicate[1]} and ${duplicate[0]} are identical)`,
      params: { i: duplicate[1], j: duplicate[0] },
    },
  ];
}

/**
 * The keyword generates code (rather than calling a `validate` function) so that ajv standalone can
 * serialise it: the function it calls is a scope value whose code is an imported name. The code is
 * what ajv generates for a `validate` keyword with `errors: true`: the returned errors are appended
 * and get the instance path and `<schema path>/x-mamori-uniqueItems` as schema path.
 */
export function addLinearUniqueItems(ajv: Ajv | { addKeyword(def: KeywordDefinition): unknown }): void {
  ajv.addKeyword({
    keyword: uniqueItemsKeyword,
    type: 'array',
    schemaType: 'boolean',
    trackErrors: true,
    code(cxt: KeywordCxt) {
      if (cxt.schema !== true) return;
      const { _, Name } = require('ajv') as typeof AjvModule;
      const { extendErrors } = require('ajv/dist/compile/errors.js') as typeof AjvErrors;
      const names = (require('ajv/dist/compile/names.js') as typeof namesModule).default;
      const { gen, data } = cxt;
      const errorsOf = gen.scopeValue('func', { ref: linearUniqueItemsErrors, code: new Name(uniqueItemsRuntimeName) });
      const errs = gen.const('uniqueErrs', _`${errorsOf}(${data})`);
      gen.if(_`${errs} !== null`, () => {
        gen.assign(names.vErrors, _`${names.vErrors} === null ? ${errs} : ${names.vErrors}.concat(${errs})`).assign(names.errors, _`${names.vErrors}.length`);
        extendErrors(cxt);
      });
      cxt.ok(_`${errs} === null`);
    },
  });
}

/** Arrays a reader has already proven free of equal items (markItemsDistinct). */
const provenDistinct = new WeakSet<readonly unknown[]>();

/**
 * Records that no two items of `items` are deeply equal, which the caller has proven while reading
 * them (the CycloneDX mapper: every item an object with its own string `bom-ref`, or `ref`, and no
 * two the same), so that a later uniqueItems check takes it as given instead of building the same
 * set of 50,000 strings again. The array must not change afterwards.
 */
export function markItemsDistinct(items: readonly unknown[]): void {
  provenDistinct.add(items);
}

/** Whether markItemsDistinct was called for `items`. */
export function itemsProvenDistinct(items: readonly unknown[]): boolean {
  return provenDistinct.has(items);
}

/** Indices [first, second] of two deeply equal items, or null. */
export function findDuplicate(items: readonly unknown[]): [number, number] | null {
  if (provenDistinct.has(items) || allDistinctBy(items, 'bom-ref') || allDistinctBy(items, 'ref')) return null;
  const buckets = new Map<string, number[]>();
  const canonical = new Map<number, string>();
  const canonicalOf = (i: number) => {
    let c = canonical.get(i);
    if (c === undefined) canonical.set(i, (c = canonicalJson(items[i])));
    return c;
  };
  for (let i = 0; i < items.length; i++) {
    const key = signature(items[i]);
    const bucket = buckets.get(key);
    if (!bucket) {
      buckets.set(key, [i]);
      continue;
    }
    const mine = canonicalOf(i);
    for (const j of bucket) if (canonicalOf(j) === mine) return [j, i];
    bucket.push(i);
  }
  return null;
}

/** True when every item is an object whose `key` is a string and no two such strings are equal (then no two items are equal). */
function allDistinctBy(items: readonly unknown[], key: string): boolean {
  const first = items[0];
  if (first === null || typeof first !== 'object' || !Object.hasOwn(first, key)) return false;
  const seen = new Set<string>();
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    const v = (item as Record<string, unknown>)[key];
    if (typeof v !== 'string' || seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}

const identityKeys = ['bom-ref', 'ref', 'name', 'version', 'purl', 'type', 'url', 'alg', 'content', 'value'];

/**
 * Cheap key that deeply equal items always share: scalars by type and value; objects by the values
 * of a few identity members (`bom-ref`, `name`, …) and their key count; arrays by length.
 */
function signature(v: unknown): string {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  if (Array.isArray(v)) return `array:${v.length}`;
  const o = v as Record<string, unknown>;
  let s = 'object:';
  for (const k of identityKeys) {
    const x = Object.hasOwn(o, k) ? o[k] : undefined;
    s += x !== null && typeof x === 'object' ? '{};' : `${typeof x}:${String(x)};`;
  }
  return s;
}

function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}
