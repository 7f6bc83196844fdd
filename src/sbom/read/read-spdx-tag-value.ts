/** SPDX 2.2 / 2.3 tag-value: strict parse, required fields, package limit, then mapping. */
import type { SbomDiagnostic, SbomLimits } from '../../core/sbom/diagnostics.js';
import { validateSpdxTagValue } from '../validate/spdx-tag-value-rules.js';
import { fieldValue, parseSpdxTagValue } from './parse-spdx-tag-value.js';
import { mapSpdx } from './map-spdx.js';
import { readFailure } from './read-failure.js';
import { finish, invalid, type SbomReadResult } from './sbom-read-result.js';
import { spdxTagValueToJson } from './spdx-tag-value-to-json.js';

export function readSpdxTagValue(text: string, limits: SbomLimits): SbomReadResult {
  const parsed = parseSpdxTagValue(text);
  const versionField = fieldValue(parsed.document.document, 'SPDXVersion');
  const version = versionField?.value === 'SPDX-2.2' ? '2.2' : versionField?.value === 'SPDX-2.3' ? '2.3' : null;
  if (version === null) {
    return readFailure(
      'sbom.unsupported',
      `SPDX tag-value with SPDXVersion ${JSON.stringify(versionField?.value ?? null)} is not supported (supported: SPDX-2.2, SPDX-2.3)`,
      {
        code: 'format.unsupported_version',
        location: versionField ? `line ${versionField.line}` : 'line 1',
        rule: 'SPDX clause 6.1 (SPDXVersion)',
        args: { variant: 'spdx_tag_value', version: JSON.stringify(versionField?.value ?? null) },
      },
    );
  }
  const what = `SPDX ${version} tag-value`;
  const packages = parsed.document.sections.filter((s) => s.kind === 'package').length;
  if (packages > limits.maxComponents) {
    return readFailure('sbom.too_many_components', `${what} has more than ${limits.maxComponents} packages`, {
      code: 'components.limit',
      location: '',
      rule: `mamori limit maxComponents = ${limits.maxComponents}`,
      args: { limit: limits.maxComponents },
    });
  }
  const diagnostics: SbomDiagnostic[] = [...parsed.diagnostics, ...validateSpdxTagValue(parsed.document, version)];
  if (diagnostics.some((d) => d.severity === 'error')) return invalid(what, diagnostics);
  const { document, lines } = spdxTagValueToJson(parsed.document);
  const mapped = mapSpdx(document, version, 'tag-value', (node, pointer) => {
    const line = typeof node === 'object' && node !== null ? lines.get(node) : undefined;
    return line === undefined ? pointer : `line ${line}`;
  });
  return finish(mapped.document, [...diagnostics, ...mapped.diagnostics], what);
}
