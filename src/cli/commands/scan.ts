/**
 * `mamori scan SBOM`: the SBOM's components against the local vulnerability database, offline, for
 * CI pipelines (no server). Every component is either evaluated or listed as unevaluated with the
 * reason. `--fail-on` turns the scan into a gate: exit 1 when a finding reaches the threshold
 * (`low`: also a finding of unknown severity; `kev`: any finding in CISA KEV), or when no component
 * at all could be evaluated; 2 for bad input or a missing database. CPE matching follows the
 * server's default (components without a usable purl) unless `--cpe-matching` / `--no-cpe` say otherwise.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { defaultSbomLimits } from '../../core/sbom/diagnostics.js';
import type { Component, SbomDocument } from '../../core/sbom/model.js';
import { cpeMatchingModes, cpeSwitches, defaultCpeMatching, type ComponentIdentity, type CpeMatchingMode, type Finding, type MatchResult, type Severity, type UnevaluatedReason } from '../../core/vulns/finding.js';
import { osvPackageForPurlString, sourcePackageOf } from '../../core/identity/osv-ecosystem.js';
import { readSbomLoadingXml } from '../../sbom/read/read-sbom-lazy.js';
import { version as mamoriVersion } from '../../version.js';
import { openVulnDb } from '../../vulndb/database.js';
import { baseEcosystem } from '../../vulndb/keys.js';
import type { VulnDbReader } from '../../vulndb/reader.js';
import { ecosystemNotInDatabaseDetail, matchComponents, severityAtLeast } from '../../vulns/match.js';
import { relativeUriReference, srcRootBaseId, toSarif, type SarifArtifact, type SarifComponent } from '../../vulns/sarif.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import { readInputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { printPrettyJson, renderTable } from '../output.js';
import { vulnDbFailure } from '../vulndb-failure.js';

export const scanFormats = ['table', 'json', 'sarif'] as const;
export const failOnLevels = ['low', 'medium', 'high', 'critical', 'kev'] as const;
export type ScanFormat = (typeof scanFormats)[number];
export type FailOn = (typeof failOnLevels)[number];

export interface ScanOptions {
  readonly vulnDb?: string;
  readonly format?: ScanFormat;
  readonly failOn?: FailOn;
  /** `--cpe` (true: the default mode) or `--no-cpe` (false: off). */
  readonly cpe?: boolean;
  /** `--cpe-matching MODE`, the server's per-product modes. */
  readonly cpeMatching?: CpeMatchingMode;
}

/**
 * The scan's CPE matching mode: the server's default (`without_purl`) unless `--cpe-matching` or
 * `--no-cpe` says otherwise; `--cpe` names the default. Two options that disagree are a usage error.
 */
export function scanCpeMode(opts: Pick<ScanOptions, 'cpe' | 'cpeMatching'>): CpeMatchingMode {
  const fromFlag: CpeMatchingMode | undefined = opts.cpe === undefined ? undefined : opts.cpe ? defaultCpeMatching : 'off';
  if (opts.cpeMatching !== undefined && fromFlag !== undefined && (opts.cpeMatching === 'off') !== (fromFlag === 'off'))
    throw new CliFailure(`--${opts.cpe ? 'cpe' : 'no-cpe'} and --cpe-matching ${opts.cpeMatching} disagree; give only --cpe-matching.`, exitCodes.usage);
  return opts.cpeMatching ?? fromFlag ?? defaultCpeMatching;
}

/** The seam tests use to scan against an in-memory reader. */
export interface ScanDeps {
  readonly openReader: (file: string) => VulnDbReader;
}

export const defaultScanDeps: ScanDeps = {
  openReader: (file) => openVulnDb(file, { readonly: true }),
};

/** Every component of the document, nested ones included, in document order. */
export function flattenComponents(components: readonly Component[]): Component[] {
  const out: Component[] = [];
  const visit = (list: readonly Component[]) => {
    for (const c of list) {
      out.push(c);
      visit(c.components);
    }
  };
  visit(components);
  return out;
}

/**
 * The components a scan evaluates: the document's primary component (CycloneDX metadata.component
 * with its nested components, SPDX's described package, which the reader keeps in
 * metadata.component) first, then every listed component. A bom-ref listed in both is scanned once.
 */
export function scanComponents(doc: SbomDocument): Component[] {
  const listed = flattenComponents(doc.components);
  if (doc.metadata.component === null) return listed;
  const refs = new Set<string>(listed.map((c) => c.bomRef));
  const primary = flattenComponents([doc.metadata.component]).filter((c) => {
    if (refs.has(c.bomRef)) return false;
    refs.add(c.bomRef);
    return true;
  });
  return [...primary, ...listed];
}

/** The matcher's view of a component under a CPE matching mode (the server's `cpeSwitches`). */
export function componentIdentity(c: Component, mode: CpeMatchingMode): ComponentIdentity {
  return {
    ...cpeSwitches(mode, c),
    key: c.bomRef,
    bomRef: c.bomRef,
    name: c.group ? `${c.group}/${c.name}` : c.name,
    version: c.version,
    purl: c.purl,
    cpe: c.cpe,
    sourcePackage: sourcePackageOf(c.properties),
  };
}

async function readDocument(io: CliIo, file: string, maxBytes: number): Promise<Component[]> {
  const bytes = readInputFile(io, file, maxBytes, (size) => new CliFailure(`${file} is ${size} bytes, over the limit of ${maxBytes} (MAMORI_SBOM_MAX_MB).`, exitCodes.usage));
  // libxml2 is loaded only for an XML document (read-sbom-lazy.ts): most scans read JSON.
  const read = await readSbomLoadingXml(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { limits: { ...defaultSbomLimits, maxBytes }, fileName: file });
  // The reader's message starts with the file name.
  if (!read.ok) throw new CliFailure(read.message, exitCodes.usage);
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new CliFailure(
      [`${file} is not a valid SBOM (${errors.length} error(s)); check it with \`mamori sbom validate\`:`, ...errors.slice(0, 20).map((d) => `  ${d.location || '(document)'}: ${d.message}`)].join('\n'),
      exitCodes.usage,
    );
  return scanComponents(read.document);
}

/** The folder of the git repository (a `.git` folder or file) holding `dir`, or null. */
function gitRoot(dir: string): string | null {
  for (let d = dir; ; ) {
    if (existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/**
 * Where the SBOM is, for SARIF: relative to the root of the git repository that holds it (the
 * checkout a code scanning upload belongs to), else relative to the working folder, under the base
 * id `%SRCROOT%`; a file outside both (a runner's temporary folder, /dev/stdin) as an absolute
 * `file:` URI. Never a path starting with `..`.
 */
export function sarifArtifact(cwd: string, file: string): SarifArtifact {
  const full = path.resolve(cwd, file);
  const root = gitRoot(path.dirname(full)) ?? cwd;
  const rel = path.relative(root, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { uri: pathToFileURL(full).href };
  const base = pathToFileURL(root).href;
  return { uri: relativeUriReference(rel.split(path.sep).join('/')), uriBaseId: srcRootBaseId, baseUri: base.endsWith('/') ? base : `${base}/` };
}

function jsonComponent(c: SarifComponent) {
  return { bomRef: c.bomRef, purl: c.purl, name: c.name, version: c.version };
}

const severityOrder: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];

/** The counts of a scan, for CI to read from `--format json` without counting the lists. */
export interface ScanSummary {
  /** Components scanned: every listed one, nested ones and the primary component included. */
  readonly components: number;
  readonly evaluated: number;
  readonly notEvaluated: number;
  /** The reasons present, each with its number of components, in the order first met. */
  readonly notEvaluatedByReason: Readonly<Partial<Record<UnevaluatedReason, number>>>;
  readonly findings: number;
  /** Every severity, 0 when there is none of it, from critical to unknown. */
  readonly findingsBySeverity: Readonly<Record<Severity, number>>;
  /** Findings in the CISA KEV catalog. */
  readonly findingsInKev: number;
  /** The CPE matching mode of the scan (`--cpe-matching`). */
  readonly cpeMatching: CpeMatchingMode;
}

export function scanSummary(result: MatchResult, componentCount: number, cpeMatching: CpeMatchingMode): ScanSummary {
  const byReason: Partial<Record<UnevaluatedReason, number>> = {};
  for (const u of result.unevaluated) byReason[u.reason] = (byReason[u.reason] ?? 0) + 1;
  const bySeverity = Object.fromEntries(severityOrder.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) bySeverity[f.severity]++;
  return {
    components: componentCount,
    evaluated: result.evaluated.length,
    notEvaluated: result.unevaluated.length,
    notEvaluatedByReason: byReason,
    findings: result.findings.length,
    findingsBySeverity: bySeverity,
    findingsInKev: result.findings.filter((f) => f.enrichment.kev !== null).length,
    cpeMatching,
  };
}

/** The `--format json` document: `{findings: [...], unevaluated: [...], summary: {...}}`. */
export function scanJson(
  result: MatchResult,
  components: ReadonlyMap<string, SarifComponent>,
  summary: ScanSummary,
): { findings: unknown[]; unevaluated: unknown[]; summary: ScanSummary } {
  const comp = (key: string) => jsonComponent(components.get(key) ?? { bomRef: key, purl: null, name: key, version: null });
  return {
    findings: result.findings.map((f) => ({
      component: comp(f.componentKey),
      vulnerability: { id: f.vulnerabilityId, aliases: f.aliases, summary: f.summary },
      severity: f.severity,
      fixedVersions: f.fixedVersions,
      cvss: f.enrichment.cvss,
      epss: f.enrichment.epss,
      kev: f.enrichment.kev,
      evidence: f.evidence,
    })),
    unevaluated: result.unevaluated.map((u) => ({ component: comp(u.componentKey), reason: u.reason, detail: u.detail })),
    summary,
  };
}

function tableOutput(result: MatchResult, components: ReadonlyMap<string, SarifComponent>): string {
  const findings = [...result.findings].sort(
    (a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) || a.vulnerabilityId.localeCompare(b.vulnerabilityId) || a.componentKey.localeCompare(b.componentKey),
  );
  // Rows that would read the same (one library at two bom-refs: copied into two folders of an image)
  // say which bom-ref each is.
  const sameRow = (f: Finding) => {
    const c = components.get(f.componentKey);
    return `${c?.name ?? f.componentKey}\u0000${c?.version ?? ''}\u0000${f.vulnerabilityId}`;
  };
  const rowCount = new Map<string, number>();
  for (const f of findings) rowCount.set(sameRow(f), (rowCount.get(sameRow(f)) ?? 0) + 1);
  const row = (f: Finding) => {
    const c = components.get(f.componentKey);
    const cpe = f.evidence.every((e) => e.method === 'nvd-cpe');
    const name = c?.name ?? f.componentKey;
    return [
      (rowCount.get(sameRow(f)) ?? 0) > 1 ? `${name} (bom-ref ${c?.bomRef ?? f.componentKey})` : name,
      c?.version ?? '',
      f.vulnerabilityId,
      f.severity,
      f.fixedVersions.join(', '),
      f.enrichment.kev ? 'yes' : '',
      f.enrichment.epss ? f.enrichment.epss.score.toFixed(3) : '',
      cpe ? `cpe (${Math.max(...f.evidence.map((e) => e.confidence))})` : 'purl',
    ];
  };
  // "No vulnerabilities found" only says something about components that were compared.
  const evaluated = result.evaluated.length;
  const none =
    evaluated === 0
      ? 'Nothing was compared: no component could be evaluated (see the list below).\n'
      : result.unevaluated.length > 0
        ? `No vulnerabilities found in the ${evaluated} evaluated component${evaluated === 1 ? '' : 's'}; ${result.unevaluated.length} could not be evaluated (below).\n`
        : 'No vulnerabilities found.\n';
  let out = findings.length > 0 ? renderTable(['component', 'version', 'vulnerability', 'severity', 'fixed in', 'kev', 'epss', 'match'], findings.map(row)) : none;
  if (result.unevaluated.length > 0) {
    // The advice for an ecosystem the database holds nothing of is the same on each of its rows
    // (hundreds, for a Maven application against a database without Maven): said once, below.
    const missing = new Map<string, number>();
    out += `\nNot evaluated (${result.unevaluated.length}):\n`;
    out += renderTable(
      ['component', 'version', 'reason', 'detail'],
      result.unevaluated.map((u) => {
        const c = components.get(u.componentKey);
        let detail = u.detail;
        if (u.reason === 'ecosystem-not-in-database') {
          const ecosystem = ecosystemOfPurl(c?.purl ?? null);
          missing.set(ecosystem, (missing.get(ecosystem) ?? 0) + 1);
          detail = `no ${ecosystem} advisories in the database (see below)`;
        }
        return [c?.name ?? u.componentKey, c?.version ?? '', u.reason, detail];
      }),
    );
    for (const [ecosystem, n] of missing) out += `\n${ecosystem} (${n} component(s) above): ${ecosystemNotInDatabaseDetail(ecosystem)}.\n`;
  }
  return out;
}

/**
 * Whether a finding of this severity fails a `--fail-on` gate at a severity level. A finding of
 * unknown severity (no CVSS and no severity word: every Go advisory, for one) fails the gate at
 * `low`, which means "any finding not scored none"; higher gates need a score that reaches them.
 */
export function failsGate(severity: Severity, failOn: Exclude<FailOn, 'kev'>): boolean {
  return severity === 'unknown' ? failOn === 'low' : severityAtLeast(severity, failOn);
}

/** The findings that fail the gate. */
export function gateFailures(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return failOn === 'kev' ? findings.filter((f) => f.enrichment.kev !== null) : findings.filter((f) => failsGate(f.severity, failOn));
}

/**
 * The ecosystems of the components the database holds no advisory for (`ecosystem-not-in-database`),
 * each with its number of components, in the order first met.
 */
export function ecosystemsNotInDatabase(result: MatchResult, components: readonly Component[]): Map<string, number> {
  const byKey = new Map(components.map((c) => [c.bomRef, c]));
  const out = new Map<string, number>();
  for (const u of result.unevaluated) {
    if (u.reason !== 'ecosystem-not-in-database') continue;
    const ecosystem = ecosystemOfPurl(byKey.get(u.componentKey)?.purl ?? null);
    out.set(ecosystem, (out.get(ecosystem) ?? 0) + 1);
  }
  return out;
}

/** The OSV ecosystem (without suffix) a purl is looked up in, `?` when none. */
function ecosystemOfPurl(purl: string | null): string {
  const mapped = purl === null ? null : osvPackageForPurlString(purl);
  return mapped?.ok ? baseEcosystem(mapped.package.ecosystem) : '?';
}

function summary(result: MatchResult, components: readonly Component[]): string {
  const counts = new Map<Severity, number>();
  for (const f of result.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySeverity = severityOrder.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  const missing = ecosystemsNotInDatabase(result, components);
  const notInDatabase = [...missing.values()].reduce((a, b) => a + b, 0);
  let out =
    `Scanned ${components.length} component(s): ${result.evaluated.length} evaluated, ${result.unevaluated.length} not evaluated` +
    `${notInDatabase > 0 ? ` (${notInDatabase} of them in ecosystems the vulnerability database holds no advisories for: ${[...missing.keys()].join(', ')})` : ''}; ` +
    `${result.findings.length} finding(s)${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}.\n`;
  if (notInDatabase > 0)
    out +=
      `Warning: nothing was compared for ${[...missing].map(([e, n]) => `${n} ${e} component(s)`).join(', ')}: the vulnerability database holds no advisories ` +
      `for ${missing.size === 1 ? 'that ecosystem (never imported, or its feed failed' : 'those ecosystems (never imported, or their feeds failed'} in the last \`mamori feeds sync\`; see \`mamori feeds status\`). ` +
      `They are listed as not evaluated (ecosystem-not-in-database) and do not fail --fail-on.\n`;
  return out;
}

export async function runScan(io: CliIo, file: string, opts: ScanOptions, global: GlobalOptions, deps: ScanDeps = defaultScanDeps): Promise<number> {
  const config = configFrom(io, global);
  const cpeMode = scanCpeMode(opts);
  const dbFile = opts.vulnDb ? path.resolve(io.cwd, opts.vulnDb) : config.vulnDbPath;
  const components = await readDocument(io, file, config.sbomMaxBytes);
  if (!existsSync(dbFile))
    throw new CliFailure(
      `No vulnerability database at ${dbFile}. Create it first with \`mamori feeds import PATH --vuln-db ${dbFile}\` (offline files) or \`mamori feeds sync --vuln-db ${dbFile}\` (download), or point --vuln-db at an existing one.`,
      exitCodes.usage,
    );
  let reader: VulnDbReader;
  try {
    reader = deps.openReader(dbFile);
  } catch (e) {
    throw vulnDbFailure(e, dbFile, false, 'Cannot use the vulnerability database: ');
  }
  let result: MatchResult;
  try {
    result = matchComponents(reader, components.map((c) => componentIdentity(c, cpeMode)));
  } catch (e) {
    throw vulnDbFailure(e, dbFile, false);
  } finally {
    reader.close();
  }
  const byKey = new Map<string, SarifComponent>(components.map((c) => [c.bomRef, { bomRef: c.bomRef, purl: c.purl, name: c.name, version: c.version }]));
  const format = opts.format ?? global.format ?? 'table';
  if (format === 'json') await printPrettyJson(io, scanJson(result, byKey, scanSummary(result, components.length, cpeMode)));
  else if (format === 'sarif') {
    const artifact = sarifArtifact(io.cwd, file);
    io.stdout(`${JSON.stringify(toSarif({ findings: result.findings, unevaluated: result.unevaluated, components: byKey, artifact, toolVersion: mamoriVersion }), null, 2)}\n`);
  } else io.stdout(tableOutput(result, byKey));
  io.stderr(summary(result, components));
  if (components.length === 0) io.stderr(`Warning: ${file}: the SBOM lists no components; nothing was scanned.\n`);
  if (opts.failOn) {
    const failing = gateFailures(result.findings, opts.failOn);
    if (failing.length > 0) {
      const what =
        opts.failOn === 'kev'
          ? 'in the CISA KEV catalog'
          : `of severity ${opts.failOn} or higher${opts.failOn === 'low' && failing.some((f) => f.severity === 'unknown') ? ' or of unknown severity' : ''}`;
      io.stderr(`Gate failed: ${failing.length} finding(s) ${what} (--fail-on ${opts.failOn}).\n`);
      return exitCodes.checkFailed;
    }
    // A gate that compared nothing says nothing: no finding is not "no vulnerability" then.
    if (result.evaluated.length === 0) {
      const reasons = new Map<string, number>();
      for (const u of result.unevaluated) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
      io.stderr(
        components.length === 0
          ? `Gate failed: the SBOM lists no components, so --fail-on ${opts.failOn} checked nothing.\n`
          : `Gate failed: none of the ${components.length} component(s) could be evaluated (${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')}), ` +
              `so --fail-on ${opts.failOn} checked nothing. Make them evaluable (see the not-evaluated list), or leave out --fail-on.\n`,
      );
      return exitCodes.checkFailed;
    }
  }
  return exitCodes.ok;
}

export function registerScan(program: Command, io: CliIo, global: () => GlobalOptions, deps: ScanDeps = defaultScanDeps): void {
  const scan = program
    .command('scan')
    .description('Scan an SBOM for known vulnerabilities against the local vulnerability database (offline)')
    .argument('<sbom>', 'CycloneDX (JSON/XML) or SPDX (JSON/tag-value) file')
    .option('--vuln-db <file>', 'vulnerability database (MAMORI_VULNDB, default <data dir>/vulndb.sqlite; create it with `mamori feeds import` or `feeds sync`)')
    .addOption(new Option('--format <format>', 'output: an aligned table, JSON, or SARIF 2.1.0 for code scanning').choices(scanFormats))
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when a finding is of this severity or higher; low also fails on findings of unknown severity (any finding not scored none); kev: when any finding is known exploited',
      ).choices(failOnLevels),
    )
    .addOption(
      new Option(
        '--cpe-matching <mode>',
        `CPE matching against NVD configurations, as the server's per-product setting: without_purl (default) — components without a usable purl; all — also components with a purl; off — never`,
      ).choices(cpeMatchingModes),
    )
    .option('--cpe', 'CPE matching for components without a usable purl (the default, --cpe-matching without_purl)')
    .option('--no-cpe', 'no CPE matching (--cpe-matching off): components identified only by a CPE are listed as not evaluated')
    .addHelpText(
      'after',
      '\nEvery component is either evaluated or listed as not evaluated with the reason, the SBOM\'s\n' +
        'primary component (CycloneDX metadata.component, SPDX described package) included. A component\n' +
        'of an ecosystem the database holds no advisories for is not evaluated (ecosystem-not-in-database):\n' +
        'the summary names those ecosystems. A component not evaluated does not fail --fail-on by itself,\n' +
        'but a scan that evaluated no component at all fails it (exit 1): it checked nothing.\n' +
        'CPE matching is on by default for components without a usable purl, as on the server; each CPE\n' +
        'finding has a confidence and an explanation. --cpe-matching all also matches components with a\n' +
        'purl by their CPE; --no-cpe (--cpe-matching off) never matches by CPE.\n' +
        'Severity: the best CVSS version, else the advisory\'s severity word, else unknown; a known\n' +
        'malicious package (an advisory id starting with MAL-) is critical. --fail-on low also fails\n' +
        'on findings of unknown severity.\n' +
        'Exit codes: 0 ok, 1 the --fail-on gate failed (or nothing was evaluated), 2 unreadable SBOM or missing database, 3 internal error.',
    )
    .action(async (file: string, opts: ScanOptions) => {
      const code = await runScan(io, file, opts, global(), deps);
      if (code !== exitCodes.ok) throw new CliFailure('', code);
    });
  // --db was the old name of --vuln-db (see feeds.ts).
  deprecatedAlias(scan, io, '--db <file>', '--vuln-db');
}
