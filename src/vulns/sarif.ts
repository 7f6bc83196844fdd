/**
 * Scan results as SARIF 2.1.0 (OASIS, sarif-v2.1.0-os) in the shape GitHub code scanning accepts
 * (docs.github.com "SARIF support for code scanning"): one run, `tool.driver.rules` = the
 * vulnerabilities found (rule id = canonical vulnerability id), one result per vulnerable component
 * (`ruleId`, `level`, `message.text`, one physical location: the SBOM file, line 1, since a
 * component has no source line; the component as a logical location), and
 * `partialFingerprints` stable across runs so GitHub tracks alerts. `security-severity` (the CVSS
 * base score, or a mid-band score when only a severity word is known) lets GitHub rank them.
 * Components that were not evaluated are listed in the run's `properties.unevaluated`, never dropped.
 */
import { createHash } from 'node:crypto';
import type { CvssSummary, Finding, Severity, Unevaluated } from '../core/vulns/finding.js';

export interface SarifComponent {
  readonly bomRef: string | null;
  readonly purl: string | null;
  readonly name: string;
  readonly version: string | null;
}

export interface SarifInput {
  readonly findings: readonly Finding[];
  readonly unevaluated: readonly Unevaluated[];
  readonly components: ReadonlyMap<string, SarifComponent>;
  /** The SBOM path as the repository sees it (relative, forward slashes). */
  readonly sbomUri: string;
  readonly toolVersion: string;
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
  const results = input.findings.map((f) => {
    const c = input.components.get(f.componentKey);
    const label = componentLabel(c, f.componentKey);
    const fixed = f.fixedVersions.length > 0 ? ` Fixed in: ${f.fixedVersions.join(', ')}.` : '';
    const kev = f.enrichment.kev ? ` Known exploited (CISA KEV, added ${f.enrichment.kev.dateAdded}).` : '';
    const method = f.evidence.every((e) => e.method === 'nvd-cpe') ? ` Matched by CPE (confidence ${Math.max(...f.evidence.map((e) => e.confidence))}).` : '';
    return {
      ruleId: f.vulnerabilityId,
      ruleIndex: ruleIndex.get(f.vulnerabilityId)!,
      level: sarifLevel(f.severity),
      message: { text: `${label} is affected by ${f.vulnerabilityId} (severity ${f.severity}).${fixed}${kev}${method}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: input.sbomUri }, region: { startLine: 1 } },
          logicalLocations: [{ name: label, fullyQualifiedName: c?.purl ?? c?.bomRef ?? f.componentKey, kind: 'module' }],
        },
      ],
      partialFingerprints: {
        'mamoriFinding/v1': createHash('sha256').update(`${c?.purl ?? c?.bomRef ?? f.componentKey}\u0000${f.vulnerabilityId}`).digest('hex'),
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
        automationDetails: { id: `mamori-scan/${input.sbomUri}/` },
        results,
        properties: {
          unevaluated: input.unevaluated.map((u) => ({ component: input.components.get(u.componentKey) ?? { bomRef: u.componentKey }, reason: u.reason, detail: u.detail })),
        },
      },
    ],
  };
}
