/**
 * SPDX actor strings (SPDX 2.3 clauses 6.8, 7.5, 7.6): `Person: name (email)`,
 * `Organization: name (email)`, `Tool: name-version`, or `NOASSERTION`. The e-mail part is
 * optional and may be empty (`Organization: ExampleCodeInspect ()`).
 */
export interface SpdxActor {
  readonly kind: 'Person' | 'Organization' | 'Tool';
  readonly name: string;
  readonly email: string | null;
}

export function parseSpdxActor(value: string | null): SpdxActor | null {
  if (value === null) return null;
  const m = /^\s*(Person|Organization|Tool)\s*:\s*(.*?)\s*$/.exec(value);
  if (!m) return null;
  const kind = m[1] as SpdxActor['kind'];
  let name = m[2]!;
  let email: string | null = null;
  const e = /^(.*?)\s*\(([^()]*)\)$/.exec(name);
  if (e && kind !== 'Tool') {
    name = e[1]!;
    email = e[2]!.trim() || null;
  }
  return name === '' ? null : { kind, name, email };
}

/** `Tool: LicenseFind-1.0` → name `LicenseFind`, version `1.0` (split at the last `-` before a digit). */
export function splitToolNameVersion(nameVersion: string): { name: string; version: string | null } {
  const m = /^(.+)-(v?\d[^-\s]*)$/.exec(nameVersion.trim());
  return m ? { name: m[1]!, version: m[2]! } : { name: nameVersion.trim(), version: null };
}
