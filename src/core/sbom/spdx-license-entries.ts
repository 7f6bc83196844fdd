/**
 * A component's licence list in SPDX 2.3 and back. The model holds a list of licences as CycloneDX
 * does, each an expression (a CycloneDX `license.id` is read as one) or a name, with an
 * acknowledgement (declared, concluded or none). An SPDX 2.3 package has two expressions: the writer
 * (src/sbom/write/spdx-2.3-json.ts) puts a concluded licence into licenseConcluded and a declared one
 * or one without an acknowledgement into licenseDeclared, several of one kind joined with AND
 * (`joinSpdxExpressions`), a name or an expression that is not valid SPDX as a `LicenseRef-` whose
 * extracted licence is named by the text. Read back, each field gives one licence (the declared one
 * first, acknowledgement `declared` / `concluded`), so the two fields alone lose the entries of a list
 * of several licences of one kind (`MIT`, `Apache-2.0` came back as one `MIT AND Apache-2.0`) and an
 * expression that is not valid SPDX (it came back as a name).
 *
 * When the two fields would lose an entry or its kind (`spdxFieldsKeepLicenses`), the writer also
 * writes the list as one of mamori's property annotations, `mamori:component:licenses=<JSON>`: an
 * array in the list's order (the order of the export, the CycloneDX export's too) of
 * `{"expression": "MIT"}` or `{"name": "ACME EULA"}`, with `"acknowledgement": "declared" |
 * "concluded"` when there is one, so that list comes back exactly, acknowledgements and order
 * included. The fields stay what they were, correct SPDX for other tools. Without the annotation (at
 * most one licence of each kind, each a valid expression or a name) a licence without an
 * acknowledgement comes back declared and the declared one first, as from any SPDX document: the diff
 * compares a missing acknowledgement as declared and the list in any order, and every export sorts
 * the list again, so writing an annotation into nearly every package for that would say nothing.
 *
 * The reader (src/sbom/read/map-spdx.ts) takes the list from the annotation when writing that list
 * again gives exactly the package's licenseDeclared and licenseConcluded (a name's `LicenseRef-`
 * being an extracted licence of that name); when it does not (someone edited the fields, or the
 * annotation) it reads the fields as it reads any SPDX document. The annotation is never kept as a
 * property.
 */
import { isValidSpdxExpression } from './quality/spdx-license-syntax.js';
import type { License } from './model.js';

/** The annotation (property) that carries the licence list. */
export const spdxLicensesProperty = 'mamori:component:licenses';

export type SpdxLicenseField = 'licenseDeclared' | 'licenseConcluded';

/** The SPDX field a licence is written to: concluded → licenseConcluded; declared and none → licenseDeclared. */
export function spdxLicenseField(l: License): SpdxLicenseField {
  return l.acknowledgement === 'concluded' ? 'licenseConcluded' : 'licenseDeclared';
}

/** A licence the SPDX writer writes (an expression or a name; a licence with neither is skipped). */
function isWritten(l: License): boolean {
  return l.expression !== null || l.name !== null;
}

/**
 * The SPDX expressions of one field joined: duplicates once, several with AND (a part holding
 * whitespace, a compound expression, in parentheses), none → NOASSERTION.
 */
export function joinSpdxExpressions(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  if (unique.length === 0) return 'NOASSERTION';
  if (unique.length === 1) return unique[0] ?? 'NOASSERTION';
  return unique.map((p) => (/\s/.test(p.trim()) ? `(${p.trim()})` : p.trim())).join(' AND ');
}

/**
 * Whether licenseDeclared and licenseConcluded alone give every entry of the list back, each an
 * expression or a name as it was: at most one licence of each kind, each a valid SPDX expression or
 * a name (see the module comment for the order and a missing acknowledgement).
 */
export function spdxFieldsKeepLicenses(licenses: readonly License[]): boolean {
  const written = licenses.filter(isWritten);
  const declared = written.filter((l) => spdxLicenseField(l) === 'licenseDeclared');
  if (declared.length > 1 || written.length - declared.length > 1) return false;
  return written.every((l) => (l.expression === null ? l.name !== '' : isValidSpdxExpression(l.expression)));
}

/** The annotation value: the licences the writer writes, as JSON, in their order. */
export function encodeSpdxLicenses(licenses: readonly License[]): string {
  return JSON.stringify(
    licenses.filter(isWritten).map((l) => ({
      ...(l.expression !== null ? { expression: l.expression } : { name: l.name }),
      ...(l.acknowledgement === null ? {} : { acknowledgement: l.acknowledgement }),
    })),
  );
}

/** The licence list of an annotation value; null when it is not one (not JSON, another shape, empty). */
export function decodeSpdxLicenses(value: string): License[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  const out: License[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
    const entry = item as Record<string, unknown>;
    if (Object.keys(entry).some((k) => k !== 'expression' && k !== 'name' && k !== 'acknowledgement'))
      return null;
    const expression = Object.hasOwn(entry, 'expression') ? entry.expression : null;
    const name = Object.hasOwn(entry, 'name') ? entry.name : null;
    const ack = Object.hasOwn(entry, 'acknowledgement') ? entry.acknowledgement : null;
    // Exactly one of expression and name, a text that says something.
    const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
    if (!(isText(expression) ? name === null : expression === null && isText(name))) return null;
    if (ack !== null && ack !== 'declared' && ack !== 'concluded') return null;
    out.push({
      expression: isText(expression) ? expression : null,
      name: isText(name) ? name : null,
      acknowledgement: ack,
    });
  }
  return out;
}

const licenseRefToken = /(?<![A-Za-z0-9.:-])LicenseRef-[A-Za-z0-9.-]+/g;

/**
 * The licence list of a package from mamori's annotation, when it matches the package's fields:
 * writing the list again gives exactly `licenseDeclared` and `licenseConcluded` (an absent field is
 * NOASSERTION), a name or an expression that is not valid SPDX standing for a `LicenseRef-` of the
 * field whose extracted licence has that name (`extractedNames`: licenseId → name). Null otherwise:
 * the caller reads the fields.
 */
export function spdxLicensesFromAnnotation(
  annotation: string,
  fields: Readonly<Record<SpdxLicenseField, string | null>>,
  extractedNames: ReadonlyMap<string, string>,
): License[] | null {
  const licenses = decodeSpdxLicenses(annotation);
  if (licenses === null) return null;
  for (const field of ['licenseDeclared', 'licenseConcluded'] as const) {
    const stated = (fields[field] ?? 'NOASSERTION').trim();
    const refsInField = new Set(stated.match(licenseRefToken) ?? []);
    const parts: string[] = [];
    for (const l of licenses) {
      if (spdxLicenseField(l) !== field) continue;
      if (l.expression !== null && isValidSpdxExpression(l.expression)) {
        parts.push(l.expression);
        continue;
      }
      const text = l.expression ?? l.name;
      const ref = [...refsInField].find((id) => extractedNames.get(id) === text);
      if (ref === undefined) return null;
      parts.push(ref);
    }
    if (joinSpdxExpressions(parts).trim() !== stated) return null;
  }
  return licenses;
}
