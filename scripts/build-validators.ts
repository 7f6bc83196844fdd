/**
 * Part of `npm run build:server` (after tsc): writes the JSON schema validators (CycloneDX 1.2–1.7,
 * SPDX 2.2/2.3) as ajv standalone ES modules to dist/sbom/validate/standalone/, where the built
 * CLI and server load them instead of compiling the schemas at runtime (src/sbom/validate/standalone.ts).
 * Build output: not committed (dist/ is ignored).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStandaloneModules } from '../src/sbom/validate/standalone.js';
import { standaloneDirName } from '../src/sbom/validate/standalone-loader.js';

const started = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = writeStandaloneModules(path.join(root, 'dist', 'sbom', 'validate', standaloneDirName));
process.stdout.write(
  `build-validators: ${files.length} standalone validators in ${path.relative(root, path.dirname(files[0] ?? ''))} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
);
