/**
 * Loads a validator generated at build time by ajv standalone (standalone.ts writes them to
 * `standalone/<name>.js` next to the compiled code in dist/; source runs have none). Loading one is
 * much cheaper than compiling the schema (about 0.7 s for CycloneDX). The modules are ESM and are
 * loaded synchronously with require(), which Node supports for ES modules without top-level await
 * from 20.19 / 22.12 (the versions package.json's engines allow); where it is not available, or no
 * module was generated, the caller compiles the schema instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';

export const standaloneDirName = 'standalone';

/** The generated validator called `name` (e.g. `cyclonedx-1.6`), or null when there is none. */
export function loadStandaloneValidator(name: string): ValidateFunction | null {
  const file = fileURLToPath(new URL(`./${standaloneDirName}/${name}.js`, import.meta.url));
  if (!existsSync(file) || !canRequireEsm()) return null;
  const loaded = createRequire(import.meta.url)(file) as { validate?: unknown };
  if (typeof loaded.validate !== 'function')
    throw new Error(
      `${file} is not a generated validator (no validate export): rebuild with npm run build:server`,
    );
  return loaded.validate as ValidateFunction;
}

function canRequireEsm(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}
