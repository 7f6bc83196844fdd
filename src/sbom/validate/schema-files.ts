/**
 * Where the official schemas live at runtime. CycloneDX JSON schemas and XSDs come from the
 * `@cyclonedx/cyclonedx-library` package (`res/schema/`, offline copies maintained by CycloneDX),
 * resolved through Node's module resolution, so it works the same from `src/` (tests, tsx) and
 * from the compiled `dist/`. The SPDX 2.x schemas are bundled (schemas/spdx/README.md) and
 * imported as JSON modules, which tsc emits next to the compiled code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let cycloneDxDir: string | null = null;

/** Absolute path of the CycloneDX library's `res/schema` folder. */
export function cycloneDxSchemaDir(): string {
  if (cycloneDxDir === null) {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@cyclonedx/cyclonedx-library/package.json');
    cycloneDxDir = path.join(path.dirname(pkg), 'res', 'schema');
  }
  return cycloneDxDir;
}

export function readCycloneDxSchemaText(file: string): string {
  return readFileSync(path.join(cycloneDxSchemaDir(), file), 'utf8');
}

export function readCycloneDxSchemaBytes(file: string): Uint8Array {
  return readFileSync(path.join(cycloneDxSchemaDir(), file));
}
