/**
 * Writes src/core/sbom/spdx-license-list.ts (the bundled SPDX License List) from the installed
 * dependencies' offline copies; run after updating @cyclonedx/cyclonedx-library or
 * spdx-expression-parse: `npx tsx scripts/spdx-license-list.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSpdxLicenseListSource, renderSpdxLicenseList } from '../src/sbom/validate/spdx-license-list-source.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = readSpdxLicenseListSource();
writeFileSync(path.join(root, 'src', 'core', 'sbom', 'spdx-license-list.ts'), renderSpdxLicenseList(source));
process.stdout.write(
  `spdx-license-list: SPDX License List ${source.version}, ${source.licenseIds.length} licence ids, ${source.exceptionIds.length} exception ids\n`,
);
