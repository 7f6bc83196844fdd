/**
 * Scan results as SARIF 2.1.0 (OASIS, sarif-v2.1.0-os) in the shape GitHub code scanning accepts
 * (docs.github.com "SARIF support for code scanning"): one run, `tool.driver.rules` = the
 * vulnerabilities found (rule id = canonical vulnerability id), one result per vulnerable component
 * (`ruleId`, `level`, `message.text`, one physical location: the SBOM file, line 1, since a
 * component has no source line; the component as a logical location), and
 * `partialFingerprints` stable across runs so GitHub tracks alerts. `security-severity` (the CVSS
 * base score, or a mid-band score when only a severity word is known) lets GitHub rank them.
 * Components that were not evaluated are listed in the run's `properties.unevaluated`, never dropped.
 *
 * The SBOM's location is an RFC 3986 URI reference, as the schema's `format: uri-reference` requires:
 * a percent-encoded path relative to a base (`uriBaseId` `%SRCROOT%`, the repository root, defined in
 * `originalUriBaseIds`), or an absolute `file:` URI for a file outside it (see sarifArtifact in
 * cli/commands/scan.ts). The same component (purl) found at two bom-refs (one library copied into two
 * folders of an image) gives two results that say which bom-ref each is, with different fingerprints.
 */
import { createHash } from 'node:crypto';
import type { CvssSummary, Finding, Severity, Unevaluated } from '../core/vulns/finding.js';

export interface SarifComponent {
  readonly bomRef: string | null;
  readonly purl: string | null;
  readonly name: string;
  readonly version: string | null;
}

/**
 * Where the SBOM is: `uri` relative to `uriBaseId` (whose own URI, an absolute `file:` URI ending in
 * a slash, is `baseUri`), or an absolute URI with neither.
 */
export interface SarifArtifact {
  readonly uri: string;
  readonly uriBaseId?: string;
  readonly baseUri?: string;
}

export interface SarifInput {
  readonly findings: readonly Finding[];
  readonly unevaluated: readonly Unevaluated[];
  readonly components: ReadonlyMap<string, SarifComponent>;
  readonly artifact: SarifArtifact;
  readonly toolVersion: string;
}

/** The SARIF uri base id of the source root (SARIF 2.1.0 §3.14.14; GitHub code scanning). */
export const srcRootBaseId = '%SRCROOT%';

/**
 * A relative path (forward slashes, no `..`) as a relative URI reference: every segment
 * percent-encoded (RFC 3986 §2.1, UTF-8), so a space, `#`, `?`, `%`, `:` or a Japanese character
 * stays part of the path and a consumer reads back the same file name.
 */
export function relativeUriReference(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

const cvssRank: Readonly<Record<CvssSummary['version'], number>> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };
const severityScore: Readonly<Partial<Record<Severity, number>>> = { critical: 9.5, high: 8.0, medium: 5.5, low: 2.0, none: 0.0 };

/** SARIF `level` of a severity: critical/high → error, medium → warning, else note. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

function bestCvss(list: readonly CvssSummary[]): CvssSummary | null {
  let best: CvssSummary | null = null;
  for (const c of list) if (!best || cvssRank[c.version] > cvssRank[best.version] || (c.version === best.version && c.baseScore > best.baseScore)) best = c;
  return best;
}

function referenceUrl(id: string): string {
  if (id.startsWith('CVE-')) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (id.startsWith('JVNDB-')) return `https://jvndb.jvn.jp/en/contents/${id.slice(6, 10)}/${id}.html`;
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

function componentLabel(c: SarifComponent | undefined, key: string): string {
  if (!c) return key;
  return c.version ? `${c.name}@${c.version}` : c.name;
}

function artifactLocation(a: SarifArtifact): { uri: string; uriBaseId?: string } {
  return a.uriBaseId !== undefined ? { uri: a.uri, uriBaseId: a.uriBaseId } : { uri: a.uri };
}

export function toSarif(input: SarifInput): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of input.findings) {
    if (ruleIndex.has(f.vulnerabilityId)) continue;
    const cvss = bestCvss(f.enrichment.cvss);
    const securitySeverity = cvss ? cvss.baseScore : severityScore[f.severity];
    const text = f.summary ?? f.vulnerabilityId;
    const ids = [f.vulnerabilityId, ...f.aliases];
    ruleIndex.set(f.vulnerabilityId, rules.length);
    rules.push({
      id: f.vulnerabilityId,
      name: f.vulnerabilityId.replace(/[^A-Za-z0-9]/g, ''),
      shortDescription: { text: text.length > 200 ? `${text.slice(0, 197)}...` : text },
      fullDescription: { text: `${text} (ids: ${ids.join(', ')})` },
      helpUri: referenceUrl(f.vulnerabilityId),
      help: {
        text: `${f.vulnerabilityId}${f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}: ${text}`,
        markdown: `**${f.vulnerabilityId}**${f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}\n\n${text}\n\n${ids.map((id) => `- [${id}](${referenceUrl(id)})`).join('\n')}`,
      },
      defaultConfiguration: { level: sarifLevel(f.severity) },
      properties: {
        tags: ['security', 'vulnerability', ...(f.enrichment.kev ? ['kev'] : [])],
        ...(securitySeverity !== undefined ? { 'security-severity': securitySeverity.toFixed(1) } : {}),
        ...(cvss ? { cvss: { version: cvss.version, vector: cvss.vector, baseScore: cvss.baseScore } } : {}),
      },
    });
  }
  // The identity a fingerprint rests on: the purl (stable across runs whatever bom-refs a generator
  // makes up), with the bom-ref added only when the same identity has the same vulnerability at more
  // than one bom-ref, so those results stay apart and the usual fingerprint does not change.
  const identityOf = (f: Finding) => {
    const c = input.components.get(f.componentKey);
    return c?.purl ?? c?.bomRef ?? f.componentKey;
  };
  const seen = new Map<string, number>();
  for (const f of input.findings) {
    const k = `${identityOf(f)}\u0000${f.vulnerabilityId}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const results = input.findings.map((f) => {
    const c = input.components.get(f.componentKey);
    const identity = identityOf(f);
    const bomRef = c?.bomRef ?? f.componentKey;
    const ambiguous = (seen.get(`${identity}\u0000${f.vulnerabilityId}`) ?? 0) > 1;
    const label = componentLabel(c, f.componentKey);
    const labelAt = ambiguous ? `${label} (bom-ref ${bomRef})` : label;
    const fixed = f.fixedVersions.length > 0 ? ` Fixed in: ${f.fixedVersions.join(', ')}.` : '';
    const kev = f.enrichment.kev ? ` Known exploited (CISA KEV, added ${f.enrichment.kev.dateAdded}).` : '';
    const method = f.evidence.every((e) => e.method === 'nvd-cpe') ? ` Matched by CPE (confidence ${Math.max(...f.evidence.map((e) => e.confidence))}).` : '';
    return {
      ruleId: f.vulnerabilityId,
      ruleIndex: ruleIndex.get(f.vulnerabilityId)!,
      level: sarifLevel(f.severity),
      message: { text: `${labelAt} is affected by ${f.vulnerabilityId} (severity ${f.severity}).${fixed}${kev}${method}` },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(input.artifact), region: { startLine: 1 } },
          logicalLocations: [{ name: label, fullyQualifiedName: c?.purl ?? c?.bomRef ?? f.componentKey, kind: 'module' }],
        },
      ],
      partialFingerprints: {
        'mamoriFinding/v1': createHash('sha256')
          .update(`${identity}\u0000${f.vulnerabilityId}${ambiguous ? `\u0000${bomRef}` : ''}`)
          .digest('hex'),
      },
      properties: {
        component: c ?? { bomRef: f.componentKey },
        severity: f.severity,
        aliases: f.aliases,
        fixedVersions: f.fixedVersions,
        ...(f.enrichment.epss ? { epss: f.enrichment.epss } : {}),
        ...(f.enrichment.kev ? { kev: f.enrichment.kev } : {}),
        evidence: f.evidence,
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mamori', semanticVersion: input.toolVersion, version: input.toolVersion, rules } },
        ...(input.artifact.uriBaseId !== undefined && input.artifact.baseUri !== undefined
          ? { originalUriBaseIds: { [input.artifact.uriBaseId]: { uri: input.artifact.baseUri } } }
          : {}),
        automationDetails: { id: `mamori-scan/${input.artifact.uri}/` },
        results,
        properties: {
          unevaluated: input.unevaluated.map((u) => ({ component: input.components.get(u.componentKey) ?? { bomRef: u.componentKey }, reason: u.reason, detail: u.detail })),
        },
      },
    ],
  };
}
