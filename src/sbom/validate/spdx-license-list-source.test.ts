/**
 * The SPDX License List bundled in core (src/core/sbom/spdx-license-list.ts) is exactly what the
 * installed dependencies give: after updating @cyclonedx/cyclonedx-library or spdx-expression-parse,
 * regenerate it with `npx tsx scripts/spdx-license-list.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import { spdxExceptionIds, spdxLicenseIds, spdxLicenseListVersion } from '../../core/sbom/spdx-license-list.js';
import { readSpdxLicenseListSource, renderSpdxLicenseList } from './spdx-license-list-source.js';

it('the committed list is the one the dependencies bundle', () => {
  const committed = readFileSync(fileURLToPath(new URL('../../core/sbom/spdx-license-list.ts', import.meta.url)), 'utf8');
  expect(committed).toBe(renderSpdxLicenseList(readSpdxLicenseListSource()));
});

it('holds licences and exceptions apart, as the SPDX License List does, and every id CycloneDX accepts', () => {
  expect(spdxLicenseListVersion).toMatch(/^3\.\d+(\.\d+)?$/);
  for (const id of ['MIT', 'Apache-2.0', 'GPL-2.0-only', 'GPL-2.0', 'GPL-2.0+', 'BSD-3-Clause']) expect(spdxLicenseIds).toContain(id);
  for (const id of ['LLVM-exception', 'Classpath-exception-2.0', 'Linux-syscall-note']) {
    expect(spdxExceptionIds).toContain(id);
    expect(spdxLicenseIds).not.toContain(id);
  }
  for (const id of [...spdxLicenseIds, ...spdxExceptionIds]) expect(isSupportedSpdxId(id), id).toBe(true);
});
