/**
 * The revision of the rules that turn matches into stored findings (severity, score, which
 * components are evaluated). A release analysed under an older revision is analysed again, whole,
 * by the findings monitor and by the next refresh (`release_analyses.rules_revision`, migration
 * 0021), so that a rule change reaches findings stored before it, with the events it causes.
 *
 * Raise it by one with every change whose effect on stored findings should not wait for their
 * packages to change, and say here what changed:
 * - 0: analyses made before revisions were recorded.
 * - 1: a vulnerability with an OSV `MAL-` id is critical (malicious-package.ts); a finding's severity
 *   and score come from one CVSS rating (`headlineCvss`).
 * - 2: the SBOM's primary component (CycloneDX metadata.component, SPDX's described package) and the
 *   components nested in it are evaluated, as `mamori scan` evaluates them: they are component rows
 *   since migration 0022, which stored them for the SBOMs uploaded before.
 * - 3: a component of an ecosystem the vulnerability database holds no advisory for is not evaluated
 *   (`ecosystem-not-in-database`) instead of evaluated with no finding.
 * - 4: a Debian/Ubuntu purl with an `upstream` qualifier is matched (and indexed) by its source
 *   package; `pkg:golang/stdlib` is the Go standard library, its release spellings normalised.
 * - 5: an OSV record's `upstream` ids, and a JVN record's CVE ids, are aliases only when they name
 *   the record's own vulnerability (core/vulns/aliases.ts `upstreamAliases`; vulnerability database
 *   schema 5): a record naming several CVEs (RSEC-2023-8, a Debian DSA, JVNDB-2022-000097) no longer
 *   merges them, so findings keep the id, severity and alias group of the advisory that matched.
 * - 6: the generic version scheme (CPE ranges, ecosystems without a scheme of their own) puts a
 *   letter written straight after the last number, and patch words (`p1`, `-P1`, `u51`), after the
 *   release (core/versions/generic.ts): OpenSSL 1.1.1k is now inside NVD's range 1.1.1 – 1.1.1n.
 */
export const analysisRulesRevision = 6;
