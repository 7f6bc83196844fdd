/**
 * Is a licence id (or licence exception id) on the SPDX License List bundled in
 * spdx-license-list.ts, and how does the list spell it? SPDX ids match case-insensitively (SPDX 2.3
 * Annex D.2: "License identifiers (including license exception identifiers) … should be matched in
 * a case-insensitive manner"), so `mit` is the listed `MIT`. A licence id may end with `+` ("or
 * later", Annex D.3): the list itself holds a few such ids (`GPL-2.0+`, deprecated); any other
 * `id+` is listed when `id` is.
 */
import {
  deprecatedSpdxExceptionIds,
  deprecatedSpdxLicenseIds,
  spdxExceptionIds,
  spdxLicenseIds,
} from './spdx-license-list.js';

export interface ListedSpdxId {
  /** The id as the SPDX License List spells it (with the `+` of the input, if any). */
  readonly id: string;
  /** Deprecated on the list (`GPL-2.0`, `GPL-2.0+`, `Nokia-Qt-exception-1.1`): still valid, but replaced. */
  readonly deprecated: boolean;
}

function index(ids: readonly string[], deprecated: readonly string[]): Map<string, ListedSpdxId> {
  const old = new Set(deprecated);
  return new Map(ids.map((id) => [id.toLowerCase(), { id, deprecated: old.has(id) }]));
}

const licenses = index(spdxLicenseIds, deprecatedSpdxLicenseIds);
const exceptions = index(spdxExceptionIds, deprecatedSpdxExceptionIds);

/** The listed licence id `token` names (case-insensitively, `+` allowed), or null. */
export function listedSpdxLicenseId(token: string): ListedSpdxId | null {
  const exact = licenses.get(token.toLowerCase());
  if (exact !== undefined) return exact;
  if (!token.endsWith('+')) return null;
  const base = licenses.get(token.slice(0, -1).toLowerCase());
  return base === undefined ? null : { id: `${base.id}+`, deprecated: base.deprecated };
}

/** The listed licence exception id `token` names (case-insensitively), or null. */
export function listedSpdxExceptionId(token: string): ListedSpdxId | null {
  return exceptions.get(token.toLowerCase()) ?? null;
}
