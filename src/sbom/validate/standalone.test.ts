import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { cycloneDxJsonAjv } from './cyclonedx-json-schema.js';
import { spdxJsonAjv } from './spdx-json-schema.js';
import {
  absoluteImports,
  builtImports,
  generateStandaloneModule,
  writeStandaloneModules,
} from './standalone.js';

// The generated modules are written to a temporary folder and imported from there, with absolute
// imports (ajv from node_modules, unique-items from its source), and must give the same verdict,
// errors and diagnostics as the validator compiled at runtime.
let dir = '';
const generated = new Map<string, ValidateFunction>();
const compiled = new Map<string, ValidateFunction>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mamori-standalone-'));
  const files = writeStandaloneModules(
    dir,
    absoluteImports(new URL('./unique-items.ts', import.meta.url).href),
  ).filter((f) => /cyclonedx-1\.6|spdx-2\.3/.test(f));
  for (const file of files) {
    const mod = (await import(file)) as { validate: ValidateFunction; default: ValidateFunction };
    expect(mod.default).toBe(mod.validate);
    generated.set(path.basename(file, '.js'), mod.validate);
  }
  const cdx = cycloneDxJsonAjv('1.6');
  compiled.set('cyclonedx-1.6', cdx.ajv.compile(cdx.schema));
  const spdx = spdxJsonAjv('2.3');
  compiled.set('spdx-2.3', spdx.ajv.compile(spdx.schema));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function both(name: string, document: unknown) {
  const run = (validate: ValidateFunction | undefined) => {
    if (!validate) throw new Error(`no ${name} validator`);
    const valid = validate(document);
    return { valid, errors: validate.errors ?? null, diagnostics: ajvDiagnostics(validate.errors, name) };
  };
  return { generated: run(generated.get(name)), compiled: run(compiled.get(name)) };
}

const component = { type: 'library', name: 'a', version: '1.0.0', 'bom-ref': 'a' };
const cycloneDxCases: [string, unknown, boolean][] = [
  ['minimal', { bomFormat: 'CycloneDX', specVersion: '1.6' }, true],
  [
    'components, iri-reference and idn-email accepted as given',
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: {
        timestamp: '2026-01-02T03:04:05Z',
        manufacturer: { name: 'm', url: ['not an iri ::'], contact: [{ email: 'not-an-e-mail' }] },
      },
      components: [component, { ...component, name: 'b', 'bom-ref': 'b' }],
    },
    true,
  ],
  [
    'duplicate components (linear uniqueItems)',
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', name: 'a' },
        { name: 'a', type: 'library' },
      ],
    },
    false,
  ],
  [
    'nested duplicates, unknown property, bad enum and date-time',
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { timestamp: 'yesterday' },
      components: [
        {
          ...component,
          type: 'gadget',
          components: [
            { type: 'library', name: 'x' },
            { type: 'library', name: 'x' },
          ],
        },
      ],
      extra: 1,
    },
    false,
  ],
  ['not an object', [], false],
];

describe('ajv standalone validators (generated at build time)', () => {
  it('require ajv by package name in dist/ (by absolute path for tests) and import unique-items', () => {
    const source = generateStandaloneModule('cyclonedx-1.6');
    expect(source).toContain('require("ajv-formats/dist/formats").fullFormats');
    expect(source).toContain(
      `import { linearUniqueItemsErrors as mamoriLinearUniqueItemsErrors } from "${builtImports.uniqueItems}";`,
    );
    // The hash pattern is made by mamori's pattern engine (pattern-regexp.ts), imported the same way.
    expect(source).toContain(
      `import { patternRegExp as mamoriPatternRegExp } from "${builtImports.patternRegExp}";`,
    );
    expect(source).toMatch(/const (func\d+) = mamoriPatternRegExp;[\s\S]*= \1\("\^\(\[a-fA-F0-9\]\{32\}\|/);
    expect(readFileSync(path.join(dir, 'cyclonedx-1.6.js'), 'utf8')).toMatch(
      /require\("\/[^"]*ajv-formats\/dist\/formats\.js"\)/,
    );
    expect(() => generateStandaloneModule('cyclonedx-9.9')).toThrow(/cyclonedx-9\.9/);
  });

  it.each(cycloneDxCases)(
    'CycloneDX 1.6, %s: same verdict, errors and diagnostics as the runtime-compiled validator',
    (_name, document, valid) => {
      const r = both('cyclonedx-1.6', document);
      expect(r.generated.valid).toBe(valid);
      expect(r.generated).toEqual(r.compiled);
      if (!valid) expect(r.generated.diagnostics.length).toBeGreaterThan(0);
    },
  );

  it('CycloneDX 1.6: the duplicate is reported as uniqueItems with both indices', () => {
    const r = both('cyclonedx-1.6', cycloneDxCases[2]?.[1]);
    expect(r.generated.errors).toEqual([
      {
        keyword: 'uniqueItems',
        message: 'must NOT have duplicate items (items ## 1 and 0 are identical)',
        params: { i: 1, j: 0 },
        instancePath: '/components',
        schemaPath: '#/properties/components/x-mamori-uniqueItems',
      },
    ]);
    const nested = both('cyclonedx-1.6', cycloneDxCases[3]?.[1]).generated.diagnostics.map((d) => d.location);
    expect(nested).toEqual(
      expect.arrayContaining(['', '/metadata/timestamp', '/components/0/type', '/components/0/components']),
    );
  });

  it('SPDX 2.3 (JSON Schema 2019-09): same verdict and diagnostics', () => {
    const base = {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'x',
      documentNamespace: 'https://e.x/x',
      creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: t'] },
    };
    for (const [document, valid] of [
      [base, true],
      [{ ...base, creationInfo: {} }, false],
      [
        {
          ...base,
          packages: [
            { SPDXID: 'SPDXRef-p', name: 'p', downloadLocation: 'NONE', primaryPackagePurpose: 'GADGET' },
          ],
        },
        false,
      ],
    ] as const) {
      const r = both('spdx-2.3', document);
      expect(r.generated.valid).toBe(valid);
      expect(r.generated).toEqual(r.compiled);
    }
  });
});
