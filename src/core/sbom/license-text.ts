/**
 * A licence typed by a person (a manual component's `license`, the form's "License" field) as a
 * model licence. Text that is a well-formed SPDX licence expression (`MIT`, `Apache-2.0 OR MIT`,
 * `LicenseRef-acme`; the syntax check of quality/spdx-license-syntax.ts) is an expression; any other
 * text (`Wind River Commercial License`) is a licence name. The writers then give a name as
 * CycloneDX `license.name` and SPDX `LicenseRef-…` with `hasExtractedLicensingInfos`
 * (docs/sbom-mapping.md, Licenses) instead of an expression no SPDX tool can read.
 * Migration 0022 applied the same rule to the manual components stored before.
 */
import type { License } from './model.js';
import { isValidSpdxExpression } from './quality/spdx-license-syntax.js';

export function licenseFromText(text: string, acknowledgement: License['acknowledgement']): License {
  const trimmed = text.trim();
  return isValidSpdxExpression(trimmed)
    ? { expression: trimmed, name: null, acknowledgement }
    : { expression: null, name: trimmed, acknowledgement };
}
