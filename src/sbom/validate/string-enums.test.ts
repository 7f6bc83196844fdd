import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateCycloneDxJson } from './cyclonedx-json-schema.js';
import { readCycloneDxSchemaText } from './schema-files.js';
import { addSetStringEnums, minValues, stringEnumKeyword, withSetStringEnums } from './string-enums.js';

/** The SPDX licence ids CycloneDX enumerates (the enum the keyword exists for). */
const licenceIds = (JSON.parse(readCycloneDxSchemaText('spdx.SNAPSHOT.schema.json')) as { enum: string[] })
  .enum;

/** The same schema compiled as written (plain ajv `enum`) and rewritten (the Set keyword). */
function bothWays(schema: object) {
  const plain = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addSetStringEnums(ajv);
  const rewritten = ajv.compile(withSetStringEnums(schema));
  return { plain, rewritten };
}

describe('enums of many strings as one Set lookup', () => {
  it('rewrites only enums of at least minValues strings', () => {
    const many = Array.from({ length: minValues }, (_, i) => `v${i}`);
    expect(
      withSetStringEnums({
        properties: { a: { enum: many }, b: { enum: many.slice(1) }, c: { enum: [...many.slice(1), 1] } },
      }),
    ).toEqual({
      properties: {
        a: { [stringEnumKeyword]: many },
        b: { enum: many.slice(1) },
        c: { enum: [...many.slice(1), 1] },
      },
    });
    expect(licenceIds.length).toBeGreaterThanOrEqual(minValues);
  });

  it('accepts and refuses exactly what the plain enum does, for strings and every other JSON type', () => {
    // No `type` beside the enum: the keyword alone must refuse non-strings, as enum does.
    const { plain, rewritten } = bothWays({ enum: licenceIds });
    const candidates: unknown[] = [
      ...licenceIds,
      ...licenceIds.slice(0, 50).flatMap((id) => [id.toLowerCase(), id.toUpperCase(), ` ${id}`, `${id}+`]),
      '',
      'NOT-A-LICENCE',
      0,
      1.5,
      true,
      false,
      null,
      [],
      ['MIT'],
      {},
      { id: 'MIT' },
    ];
    for (const value of candidates) expect(rewritten(value), JSON.stringify(value)).toBe(plain(value));
    expect(rewritten('MIT')).toBe(true);
    expect(rewritten('mit')).toBe(false);
    expect(rewritten(['MIT'])).toBe(false);
  });

  it('reports a refused value as enum: same message and allowed values', () => {
    const { plain, rewritten } = bothWays({ properties: { id: { enum: licenceIds } } });
    expect(plain({ id: 'Nope-1.0' })).toBe(false);
    expect(rewritten({ id: 'Nope-1.0' })).toBe(false);
    const [p] = plain.errors!;
    const [r] = rewritten.errors!;
    expect({ ...r, keyword: 'enum', schemaPath: r!.schemaPath.replace(stringEnumKeyword, 'enum') }).toEqual(
      p,
    );
  });

  it('CycloneDX diagnostics name the official keyword and schema path, for enum and uniqueItems alike', () => {
    const bom = (components: object[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
    expect(
      validateCycloneDxJson(
        bom([{ type: 'library', name: 'a', licenses: [{ license: { id: 'MIT' } }] }]),
        '1.6',
      ),
    ).toEqual([]);
    const [bad] = validateCycloneDxJson(
      bom([{ type: 'library', name: 'a', licenses: [{ license: { id: 'Nope-1.0' } }] }]),
      '1.6',
    );
    expect(bad).toMatchObject({ code: 'schema', location: '/components/0/licenses/0/license/id' });
    expect(bad!.rule).toMatch(/ enum spdx\.SNAPSHOT\.schema\.json\/enum$/);
    expect(bad!.message).toMatch(/must be equal to one of the allowed values: 0BSD, /);
    const c = { type: 'library', name: 'a' };
    const [dup] = validateCycloneDxJson(bom([c, { ...c }]), '1.6');
    expect(dup!.rule).toMatch(/ uniqueItems #\/properties\/components\/uniqueItems$/);
  });
});
