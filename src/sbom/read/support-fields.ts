/**
 * Level of support and end-of-support date from component properties (model.ts
 * `supportProperties`; reference §1.11): the official `cdx:lifecycle:milestone:endOfSupport`, the
 * proposed `cdx:fda:*` names and registered vendor names are read; the first match in
 * canonical-name-first order wins. SPDX `validUntilDate` is handled by the SPDX mapper.
 */
import { supportProperties, type Property } from '../../core/sbom/model.js';

const endOfSupportNames: readonly string[] = [supportProperties.endOfSupport, ...supportProperties.endOfSupportAliases];
const supportLevelNames: readonly string[] = [supportProperties.supportLevel, ...supportProperties.supportLevelAliases];

const noSupport = Object.freeze({ supportLevel: null, endOfSupport: null });

export function supportFromProperties(properties: readonly Property[]): { supportLevel: string | null; endOfSupport: string | null } {
  if (properties.length === 0) return noSupport;
  let supportLevel: string | null = null;
  let endOfSupport: string | null = null;
  for (const name of supportLevelNames) {
    const p = properties.find((x) => x.name === name && x.value.trim() !== '');
    if (p) {
      supportLevel = p.value.trim();
      break;
    }
  }
  for (const name of endOfSupportNames) {
    const p = properties.find((x) => x.name === name && datePart(x.value) !== null);
    if (p) {
      endOfSupport = datePart(p.value);
      break;
    }
  }
  return { supportLevel, endOfSupport };
}

/** `YYYY-MM-DD` from an ISO 8601 date or date-time, or null when the value is not one. */
export function datePart(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return m ? m[1]! : null;
}
