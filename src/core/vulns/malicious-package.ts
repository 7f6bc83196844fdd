/**
 * Known malicious packages. The OpenSSF malicious-packages database (github.com/ossf/malicious-packages),
 * which OSV.dev serves, gives every report an id starting with `MAL-`; other feeds that report malware
 * (for example the Leitwacht npm feed) list that id among their aliases. Such a package has no CVSS
 * score: it is not a flaw in good code but code written to harm, so mamori treats it as severity
 * critical wherever it derives a finding's severity (src/vulns/match.ts, the vulnerability detail).
 */

/** The ids of a vulnerability (canonical id and aliases) that name a known malicious package. */
export function maliciousPackageIds(ids: readonly string[]): string[] {
  return ids.filter((id) => id.toUpperCase().startsWith('MAL-'));
}

/** Any of the ids is an OSV malicious-package id (`MAL-…`). */
export function isMaliciousPackage(ids: readonly string[]): boolean {
  return ids.some((id) => id.toUpperCase().startsWith('MAL-'));
}

const reasonStart = 'malicious package (';

/**
 * Why a malicious package is critical, for a finding's evidence and the user guide. The matcher
 * appends it to each evidence explanation after "; " (src/vulns/match.ts).
 */
export function maliciousPackageReason(ids: readonly string[]): string {
  const mal = maliciousPackageIds(ids);
  return `${reasonStart}${mal.join(', ')}): severity critical, whatever a score says`;
}

/**
 * This note of an evidence explanation (one of its "; "-separated parts) is maliciousPackageReason's:
 * the web app shows the reason in the reader's language instead of the English note.
 */
export function isMaliciousPackageReason(note: string): boolean {
  return note.startsWith(reasonStart);
}
