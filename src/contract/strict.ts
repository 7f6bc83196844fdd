/**
 * Strict request input. The contract declares request bodies and query strings with `z.object()`,
 * which drops keys it does not name; a typo (`stauts`, `?serverity=`) would then vanish and the
 * request succeed with another meaning. `strictInput()` returns the same schema with every such
 * object closed (an unknown key is an `unrecognized_keys` issue), so the server validates requests
 * with it while responses keep using the declared schemas (which strip what a presenter adds).
 *
 * The rule, the same one `closeRequestObjects()` applies to the OpenAPI document:
 * - every `z.object()` is closed, at any depth (inside arrays, records, unions, optional, nullable,
 *   default, pipes …);
 * - an object that declares what it does with other keys stays as declared: `z.looseObject()` (or a
 *   `.catchall()`) is open on purpose — used where a foreign format sends fields mamori does not read,
 *   e.g. Dependency-Track's BOM upload — and `z.record()` takes any key by definition;
 * - intersections are left alone: closing both sides would refuse each other's keys.
 */
import { z } from 'zod';
import { util, type $ZodType } from 'zod/v4/core';

type Def = Record<string, unknown> & { type: string };

const defOf = (schema: $ZodType): Def => schema._zod.def as unknown as Def;

/** Wrappers whose one inner schema is `innerType`. */
const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch', 'success']);

const strictCache = new WeakMap<$ZodType, $ZodType>();

/** A new schema of the same kind, its definition changed (zod's own way, as `.catchall()` does). */
function rebuild(schema: $ZodType, def: Def, changes: Record<string, unknown>): $ZodType {
  return util.clone(schema, util.mergeDefs(def, changes) as never);
}

function close(schema: $ZodType): $ZodType {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  const def = defOf(schema);
  let out = schema;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, $ZodType>).map(([k, v]) => [k, close(v)]));
      const catchall = def.catchall as $ZodType | undefined;
      out = rebuild(schema, def, { shape, catchall: catchall === undefined ? z.never() : close(catchall) });
      break;
    }
    case 'array':
      out = rebuild(schema, def, { element: close(def.element as $ZodType) });
      break;
    case 'record':
      out = rebuild(schema, def, { valueType: close(def.valueType as $ZodType) });
      break;
    case 'tuple':
      out = rebuild(schema, def, { items: (def.items as $ZodType[]).map(close), rest: def.rest ? close(def.rest as $ZodType) : def.rest });
      break;
    case 'union':
      out = rebuild(schema, def, { options: (def.options as $ZodType[]).map(close) });
      break;
    case 'pipe':
      out = rebuild(schema, def, { in: close(def.in as $ZodType), out: close(def.out as $ZodType) });
      break;
    case 'lazy': {
      const getter = def.getter as () => $ZodType;
      out = rebuild(schema, def, { getter: () => close(getter()) });
      break;
    }
    default:
      if (wrappers.has(def.type)) out = rebuild(schema, def, { innerType: close(def.innerType as $ZodType) });
  }
  strictCache.set(schema, out);
  return out;
}

/** The schema with every object closed to keys it does not name (see the rule above). */
export function strictInput<T extends $ZodType>(schema: T): T {
  return close(schema) as T;
}

function unwrap(schema: $ZodType): $ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (wrappers.has(def.type)) current = def.innerType as $ZodType;
    else if (def.type === 'pipe') current = def.in as $ZodType;
    else if (def.type === 'lazy') current = (def.getter as () => $ZodType)();
    else return current;
  }
}

/**
 * The keys an object at `path` of a value checked by `schema` may have, in declaration order; null
 * when the path does not lead to one object schema. For messages ("did you mean …?").
 */
export function fieldsAt(schema: $ZodType, path: readonly string[]): string[] | null {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = defOf(current);
    let next: $ZodType | undefined;
    if (def.type === 'object') next = (def.shape as Record<string, $ZodType>)[segment];
    else if (def.type === 'array') next = def.element as $ZodType;
    else if (def.type === 'record') next = def.valueType as $ZodType;
    else if (def.type === 'tuple') next = (def.items as $ZodType[])[Number(segment)] ?? (def.rest as $ZodType | undefined);
    else if (def.type === 'union') {
      // The object option that has the key.
      const option = (def.options as $ZodType[]).map((o) => defOf(unwrap(o))).find((d) => d.type === 'object' && Object.hasOwn(d.shape as object, segment));
      next = option ? (option.shape as Record<string, $ZodType>)[segment] : undefined;
    }
    if (!next) return null;
    current = unwrap(next);
  }
  const def = defOf(current);
  return def.type === 'object' ? Object.keys(def.shape as object) : null;
}
