/**
 * A component's group in an SPDX 2.3 package name, and back. SPDX 2.3 packages have a `name` and no
 * group; the model follows CycloneDX, which splits some names into `group` + `name` (npm scope
 * `@babel` + `core`, Maven groupId + artifactId, a manual component's vendor `Microsoft` + product).
 * The writer names the package as SPDX producers do, the reader splits the name back where that is
 * certain, so a CycloneDX → SPDX → model round trip keeps group and name:
 *
 * | component                                   | SPDX package `name`                 | read back by                        |
 * | ------------------------------------------- | ----------------------------------- | ----------------------------------- |
 * | no group                                    | `name`                              | —                                   |
 * | npm purl, namespace = group, name = name    | `group/name` (`@babel/core`)        | the purl (`npm sbom`, syft write so) |
 * | Maven purl, namespace = group, name = name  | `name` (the artifactId)             | the purl (the SPDX 2.3 examples and  |
 * |                                             |                                     | syft name Maven packages so)        |
 * | any other group (no purl, another type, a   | `group/name` (`/`, the purl's       | mamori's annotation                 |
 * | purl that says something else)              | namespace separator)                | `mamori:component:group=<group>`    |
 *
 * The annotation is written only in the last case (the purl cannot tell where the group ends: a
 * group or a name may hold `/`); it is one of mamori's property annotations (spdx-2.3-json.ts) and
 * the reader takes it as the group instead of a property. Reading someone else's SPDX, an npm name
 * `@scope/name` or a Maven artifactId whose purl confirms it gets the group from the purl as
 * CycloneDX tools give it; any other name is kept whole.
 */
import { parsePurl } from '../identity/purl.js';

/** The annotation (property) that carries a group the purl does not confirm. */
export const spdxGroupProperty = 'mamori:component:group';

/** The purl's type when its namespace is the group and its name the name (npm and Maven only). */
function confirmingPurlType(group: string, name: string, purl: string | null): 'npm' | 'maven' | null {
  if (purl === null) return null;
  const parsed = parsePurl(purl);
  if (!parsed.ok || parsed.purl.namespace !== group || parsed.purl.name !== name) return null;
  return parsed.purl.type === 'npm' || parsed.purl.type === 'maven' ? parsed.purl.type : null;
}

export interface SpdxPackageName {
  readonly name: string;
  /** The group to write as the `mamori:component:group` annotation, when the purl does not confirm it. */
  readonly groupProperty: string | null;
}

/** The SPDX package name of a component (see the module comment). */
export function spdxPackageName(c: { readonly group: string | null; readonly name: string; readonly purl: string | null }): SpdxPackageName {
  if (c.group === null || c.group === '') return { name: c.name, groupProperty: null };
  const confirmedBy = confirmingPurlType(c.group, c.name, c.purl);
  if (confirmedBy === 'maven') return { name: c.name, groupProperty: null };
  return { name: `${c.group}/${c.name}`, groupProperty: confirmedBy === null ? c.group : null };
}

/**
 * The group and name of an SPDX package: from mamori's group annotation (`groupProperty`), else
 * where the purl confirms the split (npm `@scope/name`, Maven artifactId or `groupId:artifactId`),
 * else the whole name without a group.
 */
export function groupAndNameFromSpdx(
  name: string,
  purl: string | null,
  groupProperty: string | null,
): { readonly group: string | null; readonly name: string } {
  if (groupProperty !== null && groupProperty !== '') {
    const prefix = `${groupProperty}/`;
    return { group: groupProperty, name: name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name };
  }
  if (purl === null) return { group: null, name };
  const parsed = parsePurl(purl);
  if (!parsed.ok || parsed.purl.namespace === null) return { group: null, name };
  const { type, namespace, name: purlName } = parsed.purl;
  if (type === 'npm' && name === `${namespace}/${purlName}`) return { group: namespace, name: purlName };
  if (type === 'maven' && (name === purlName || name === `${namespace}:${purlName}`)) return { group: namespace, name: purlName };
  return { group: null, name };
}
