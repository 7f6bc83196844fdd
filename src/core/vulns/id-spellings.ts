/**
 * The spellings under which a typed vulnerability id is looked up. Ids are stored exactly as their
 * records write them (OSV ids are case-sensitive): `CVE-…`, `PYSEC-…`, `RUSTSEC-…` in upper case,
 * `GHSA-xxxx-xxxx-xxxx` with a lower-case body. People type them in any case, so a lookup tries the
 * id as typed, in upper case, and in the GHSA spelling (the API's vulnerability and affected-by
 * lookups, hence `vuln affected`, and `mamori vuln show`). Ids are never shown changed.
 */
export function idSpellings(typed: string): string[] {
  const text = typed.trim();
  const spellings = [text, text.toUpperCase()];
  if (/^ghsa-/i.test(text)) spellings.push(`GHSA-${text.slice(5).toLowerCase()}`);
  return [...new Set(spellings)];
}
