/**
 * The JSON schema validators generated at build time (ajv standalone, src/sbom/validate/standalone.ts)
 * agree with the validators compiled at runtime on real documents (../shared/conformance, see its
 * SOURCES.md): every CycloneDX specification test BOM (`valid-*` / `invalid-*` JSON of 1.2–1.7) and
 * every SPDX 2.2 / 2.3 JSON example give the same verdict, the same ajv errors and the same
 * diagnostics. The modules are generated into a temporary folder and imported from there.
 * Absent conformance data: the test fails when CI=true, otherwise it is skipped with a reason.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect } from 'vitest';
import { ajvDiagnostics } from '../../src/sbom/validate/ajv-diagnostics.js';
import {
  absoluteImports,
  standaloneValidators,
  writeStandaloneModules,
} from '../../src/sbom/validate/standalone.js';
import { findFiles, itWithData } from '../support/conformance.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const conformance = path.resolve(repoRoot, '..', 'shared', 'conformance');
const cdxResources = path.resolve(conformance, 'cyclonedx-spec', 'tools', 'src', 'test', 'resources');
const spdxRoot = path.resolve(conformance, 'spdx');

let dir = '';
let pairs: Map<string, { generated: ValidateFunction; compiled: ValidateFunction }> | null = null;

/** Every validator, generated (and imported from a temporary folder) and compiled at runtime. */
async function validators() {
  if (pairs) return pairs;
  dir = mkdtempSync(path.join(tmpdir(), 'mamori-standalone-'));
  writeStandaloneModules(
    dir,
    absoluteImports(pathToFileURL(path.join(repoRoot, 'src', 'sbom', 'validate', 'unique-items.ts')).href),
  );
  pairs = new Map();
  for (const { name, setup } of standaloneValidators) {
    const { validate } = (await import(pathToFileURL(path.join(dir, `${name}.js`)).href)) as {
      validate: ValidateFunction;
    };
    const { ajv, schema } = setup();
    pairs.set(name, { generated: validate, compiled: ajv.compile(schema) });
  }
  return pairs;
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Names of the documents on which the generated and the compiled validator disagree; counts of valid/invalid. */
async function compare(name: string, documents: readonly [string, unknown][]) {
  const pair = (await validators()).get(name);
  if (!pair) throw new Error(`no validator ${name}`);
  const run = (validate: ValidateFunction, document: unknown) => {
    const valid = validate(document);
    return { valid, errors: validate.errors ?? null, diagnostics: ajvDiagnostics(validate.errors, name) };
  };
  const differences: string[] = [];
  let valid = 0;
  for (const [file, document] of documents) {
    const generated = run(pair.generated, document);
    const compiled = run(pair.compiled, document);
    if (generated.valid) valid += 1;
    if (JSON.stringify(generated) !== JSON.stringify(compiled))
      differences.push(
        `${file}: generated ${JSON.stringify(generated.diagnostics)} compiled ${JSON.stringify(compiled.diagnostics)}`,
      );
  }
  return { differences, valid, invalid: documents.length - valid };
}

describe('standalone validators agree with runtime-compiled ones: CycloneDX specification test BOMs', () => {
  for (const version of ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']) {
    itWithData(
      `CycloneDX ${version} JSON valid-* and invalid-*`,
      path.join(cdxResources, version),
      async () => {
        const folder = path.join(cdxResources, version);
        const documents = readdirSync(folder)
          .filter((f) => f.endsWith('.json') && /^(valid|invalid)-/.test(f))
          .map((f): [string, unknown] => [f, JSON.parse(readFileSync(path.join(folder, f), 'utf8'))]);
        const r = await compare(`cyclonedx-${version}`, documents);
        expect(r.differences, r.differences.join('\n')).toEqual([]);
        expect(r.valid).toBeGreaterThan(0);
        expect(r.invalid).toBeGreaterThan(0);
      },
      120_000,
    );
  }
});

describe('standalone validators agree with runtime-compiled ones: SPDX examples', () => {
  itWithData(
    'SPDX 2.2 and 2.3 JSON examples',
    spdxRoot,
    async () => {
      const byVersion = new Map<string, [string, unknown][]>();
      for (const file of findFiles(
        spdxRoot,
        (f) => f.endsWith('.json') && !f.includes(`${path.sep}spdx3`) && !f.endsWith('spdx-schema.json'),
      )) {
        const document = JSON.parse(readFileSync(file, 'utf8')) as { spdxVersion?: unknown };
        const version =
          document.spdxVersion === 'SPDX-2.2' ? '2.2' : document.spdxVersion === 'SPDX-2.3' ? '2.3' : null;
        if (version)
          byVersion.set(version, [
            ...(byVersion.get(version) ?? []),
            [path.relative(spdxRoot, file), document],
          ]);
      }
      expect([...byVersion.keys()].sort()).toEqual(['2.2', '2.3']);
      for (const [version, documents] of byVersion) {
        const r = await compare(`spdx-${version}`, documents);
        expect(r.differences, r.differences.join('\n')).toEqual([]);
        expect(r.valid).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});
