/**
 * A licence typed by a person (a manual component's `license`, the form's "License" field) as a
 * model licence. Text that is a valid SPDX licence expression (`MIT`, `Apache-2.0 OR MIT`,
 * `LicenseRef-acme`: SPDX 2.3 Annex D grammar, every licence id on the SPDX License List and every
 * `WITH` exception on its exception list; quality/spdx-license-syntax.ts) is an expression, with the
 * ids in the list's spelling (`mit` → `MIT`). Any other text — `Wind River Commercial License`, but
 * also a single word that is not a listed id (`Proprietary`, `Commercial`, `GPL`) or an expression
 * with one (`MIT OR Proprietary`) — is a licence name. The writers then give a name as CycloneDX
 * `license.name` and SPDX `LicenseRef-…` with `hasExtractedLicensingInfos` (docs/sbom-mapping.md,
 * Licenses) instead of an expression no SPDX tool can read. Migrations 0022 and 0024 applied the
 * same rule to the manual components stored before.
 */
import type { License } from './model.js';
import { checkSpdxExpression } from './quality/spdx-license-syntax.js';

export function licenseFromText(text: string, acknowledgement: License['acknowledgement']): License {
  const trimmed = text.trim();
  const checked = checkSpdxExpression(trimmed);
  return checked.ok
    ? { expression: checked.normalized, name: null, acknowledgement }
    : { expression: null, name: trimmed, acknowledgement };
}

/**
 * How licence text would be recorded, for a form to say so while the user types: `expression`
 * (with the text it will be stored as), `name`, or `empty`.
 */
export type LicenseTextKind =
  | { readonly kind: 'expression'; readonly expression: string }
  | { readonly kind: 'name' }
  | { readonly kind: 'empty' };

export function licenseTextKind(text: string): LicenseTextKind {
  if (text.trim() === '') return { kind: 'empty' };
  const l = licenseFromText(text, null);
  return l.expression !== null ? { kind: 'expression', expression: l.expression } : { kind: 'name' };
}
