/**
 * Model licenses → CycloneDX 1.6 `licenses` (shared by the JSON and XML writers).
 *
 * CycloneDX 1.6 allows EITHER a list of `license` entries (each an SPDX id from the CycloneDX SPDX
 * enum, or a name) OR exactly one `expression` (schema `licenseChoice`, XSD `licenseChoiceType`):
 * - a model expression that is a single listed SPDX id → `license.id` (a reader maps it back to the
 *   same expression);
 * - a model name → `license.name`;
 * - any other expression (compound, `LicenseRef-…`, unlisted id) → `expression` when it is the only
 *   license; when there are several licenses, CycloneDX 1.6 cannot hold an expression next to
 *   them, so the expression text is written as `license.name` (text and acknowledgement kept, the
 *   "is an expression" marker lost — the one CycloneDX 1.6 loss, see docs/sbom-mapping.md);
 * - a model license with neither expression nor name (invalid) is skipped.
 * Input must already be sorted (prepare.ts); the output keeps that order.
 */
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import { type License } from '../../core/sbom/model.js';

export interface CdxLicense {
  readonly kind: 'id' | 'name' | 'expression';
  readonly value: string;
  readonly acknowledgement: 'declared' | 'concluded' | null;
}

export function cdxLicenses(licenses: readonly License[]): CdxLicense[] {
  const out: CdxLicense[] = [];
  for (const l of licenses) {
    if (l.expression !== null) {
      const kind = isSupportedSpdxId(l.expression) ? 'id' : 'expression';
      out.push({ kind, value: l.expression, acknowledgement: l.acknowledgement });
    } else if (l.name !== null) {
      out.push({ kind: 'name', value: l.name, acknowledgement: l.acknowledgement });
    }
  }
  if (out.length > 1) return out.map((l) => (l.kind === 'expression' ? { ...l, kind: 'name' } : l));
  return out;
}
