/**
 * `mamori vuln …`: one vulnerability from the local vulnerability database, offline.
 * `vuln show ID` prints the vulnerability under any of its ids (OSV, GHSA, CVE, JVNDB …) with every
 * id, summary, references, the CVSS breakdown computed from the vectors, EPSS, KEV and the affected
 * packages and ranges (OSV) and CPE configurations (NVD), and the records that name it as related
 * (`related_ids`, ADR 0010 addendum 14). An id with no record of its own that a record names as
 * related (CVE-2023-22486, named by RSEC-2023-8) is shown as such, with those records: exit 0.
 *
 * `registerVulnCommands` adds the group with `show` and the server-backed `affected` (findings.ts).
 */
import type { Command } from 'commander';
import type { Advisory } from '../../core/vulns/advisory.js';
import { canonicalId, relatedCves, relatedUpstream } from '../../core/vulns/aliases.js';
import { idSpellings } from '../../core/vulns/id-spellings.js';
import { firstPublished, latestDate, type PublishedFrom } from '../../core/vulns/record-dates.js';
import type { Enrichment } from '../../core/vulns/finding.js';
import { jvnVectorString, type JvnRecord } from '../../feeds/parse/jvn.js';
import { nvdDescription, type NvdCve } from '../../feeds/parse/nvd-cve.js';
import { advisoryFromStored, type VulnDb } from '../../vulndb/database.js';
import { scoreCvssVector } from '../../vulns/cvss.js';
import type { GlobalOptions } from '../config-from.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderRecord, renderTable } from '../output.js';
import { vulnDbFailure } from '../vulndb-failure.js';
import { openVulnDbForCli, vulnDbFile } from './feeds.js';
import { registerVulnAffected } from './findings.js';

export interface CvssBreakdown {
  readonly source: string;
  readonly version: string;
  readonly vector: string;
  readonly baseScore: number;
  readonly baseSeverity: string;
  readonly temporalScore?: number;
  readonly environmentalScore?: number;
  readonly score: number;
  readonly severity: string;
  readonly nomenclature: string;
}

export interface VulnerabilityView {
  readonly id: string;
  readonly ids: readonly string[];
  /**
   * Other vulnerabilities the records name: OSV `upstream` ids and a JVN record's CVE ids that are
   * not aliases (several of them, core/vulns/aliases.ts `upstreamAliases`), sorted.
   */
  readonly related: readonly string[];
  /**
   * The records that name one of `ids` as related (the other direction of `related`), sorted by id:
   * RSEC-2023-8 under CVE-2023-22486. For an id with no record of its own (`records` empty), they are
   * all the database says about it.
   */
  readonly relatedBy: readonly RelatedByRecord[];
  readonly records: readonly {
    readonly source: string;
    readonly id: string;
    readonly modified: string;
    readonly withdrawn: boolean;
  }[];
  readonly summary: string | null;
  readonly details: string | null;
  /** First public disclosure: the earliest of the records' publication dates and the KEV date added. */
  readonly published: string | null;
  readonly publishedFrom: PublishedFrom | null;
  readonly modified: string | null;
  readonly withdrawn: string | null;
  readonly references: readonly { readonly type: string; readonly url: string }[];
  readonly cvss: readonly CvssBreakdown[];
  readonly cvssProblems: readonly string[];
  readonly epss: Enrichment['epss'];
  readonly kev: (Record<string, unknown> & { readonly cveID: string }) | null;
  readonly affected: readonly {
    readonly record: string;
    readonly ecosystem: string | null;
    readonly name: string | null;
    readonly purl: string | null;
    readonly ranges: readonly {
      readonly type: string;
      readonly repo: string | null;
      readonly events: readonly Record<string, string>[];
    }[];
    readonly versions: readonly string[];
  }[];
  readonly cpe: readonly {
    readonly record: string;
    readonly criteria: string;
    readonly vulnerable: boolean;
    readonly bounds: string;
  }[];
  readonly cwes: readonly string[];
}

/** A record naming the vulnerability as related: its id, summary and the packages (OSV) or products (JVN) it is about. */
export interface RelatedByRecord {
  readonly id: string;
  readonly source: string;
  readonly summary: string | null;
  readonly withdrawn: boolean;
  /** OSV: each affected package's ecosystem and name; JVN: each product (`vendor product`, ecosystem null). */
  readonly packages: readonly { readonly ecosystem: string | null; readonly name: string }[];
}

function relatedByRecords(db: VulnDb, ids: readonly string[]): RelatedByRecord[] {
  const own = new Set(ids);
  const named = db.relatedBy(ids).filter((r) => !own.has(r));
  const out: RelatedByRecord[] = [];
  for (const r of db.recordsFor(named)) {
    if (r.source === 'osv') {
      const a = advisoryFromStored(r.json);
      if (!a) continue;
      const packages = new Map<string, { ecosystem: string | null; name: string }>();
      for (const af of a.affected)
        if (af.package) packages.set(`${af.package.ecosystem}\u0000${af.package.name}`, { ecosystem: af.package.ecosystem, name: af.package.name });
      out.push({ id: a.id, source: 'osv', summary: a.summary ?? a.details?.split('\n')[0] ?? null, withdrawn: r.withdrawn, packages: [...packages.values()] });
    } else if (r.source === 'jvn') {
      const j = JSON.parse(r.json) as JvnRecord;
      const packages = new Map<string, { ecosystem: string | null; name: string }>();
      for (const p of j.products) {
        const name = [p.vendor, p.product].filter((x) => x !== undefined && x !== '').join(' ');
        if (name !== '') packages.set(name, { ecosystem: null, name });
      }
      out.push({ id: j.id, source: 'jvn', summary: j.title || null, withdrawn: r.withdrawn, packages: [...packages.values()] });
    }
  }
  return out;
}

function bounds(m: NvdCve['configurations'][number]['nodes'][number]['cpeMatch'][number]): string {
  const parts: string[] = [];
  if (m.versionStartIncluding) parts.push(`>= ${m.versionStartIncluding}`);
  if (m.versionStartExcluding) parts.push(`> ${m.versionStartExcluding}`);
  if (m.versionEndIncluding) parts.push(`<= ${m.versionEndIncluding}`);
  if (m.versionEndExcluding) parts.push(`< ${m.versionEndExcluding}`);
  return parts.join(', ');
}

/**
 * Everything the database knows about the vulnerability `id` is part of, or null. The id is looked
 * up as typed, then in the other spellings the API tries (upper case, GHSA with a lower-case body).
 */
export function vulnerabilityView(db: VulnDb, id: string): VulnerabilityView | null {
  for (const spelling of idSpellings(id)) {
    const view = viewOf(db, spelling);
    if (view !== null) return view;
  }
  return null;
}

function viewOf(db: VulnDb, id: string): VulnerabilityView | null {
  const ids = db.idsOf(id);
  const stored = db.recordsFor(ids);
  const kevEntries = ids
    .filter((x) => x.startsWith('CVE-'))
    .map((x) => db.kevEntry(x))
    .filter((x) => x !== null);
  const enrichment = db.enrichment(ids);
  const relatedBy = relatedByRecords(db, ids);
  if (stored.length === 0 && kevEntries.length === 0 && enrichment.epss === null && relatedBy.length === 0)
    return null;
  const osv: Advisory[] = [];
  const nvd: NvdCve[] = [];
  const jvn: JvnRecord[] = [];
  for (const r of stored) {
    if (r.source === 'osv') {
      const a = advisoryFromStored(r.json);
      if (a) osv.push(a);
    } else if (r.source === 'nvd') nvd.push(JSON.parse(r.json) as NvdCve);
    else jvn.push(JSON.parse(r.json) as JvnRecord);
  }
  const references = new Map<string, { type: string; url: string }>();
  for (const a of osv)
    for (const r of a.references)
      if (!references.has(r.url)) references.set(r.url, { type: r.type, url: r.url });
  for (const c of nvd)
    for (const r of c.references)
      if (!references.has(r.url)) references.set(r.url, { type: r.tags.join(',') || 'WEB', url: r.url });
  for (const j of jvn)
    if (j.link && !references.has(j.link)) references.set(j.link, { type: 'ADVISORY', url: j.link });

  const cvss: CvssBreakdown[] = [];
  const cvssProblems: string[] = [];
  const seen = new Set<string>();
  const addCvss = (vector: string, source: string) => {
    const key = `${vector}\u0000${source}`;
    if (seen.has(key)) return;
    seen.add(key);
    const s = scoreCvssVector(vector);
    if (!s.ok) {
      cvssProblems.push(`${source}: "${vector}" cannot be scored: ${s.error.message}`);
      return;
    }
    const v = s.value;
    cvss.push({
      source,
      version: v.version,
      vector: v.vectorString,
      baseScore: v.baseScore,
      baseSeverity: v.baseSeverity,
      ...(v.temporalScore !== undefined ? { temporalScore: v.temporalScore } : {}),
      ...(v.environmentalScore !== undefined ? { environmentalScore: v.environmentalScore } : {}),
      score: v.score,
      severity: v.severity,
      nomenclature: v.nomenclature,
    });
  };
  for (const a of osv) {
    for (const s of a.severity) if (s.type.startsWith('CVSS_')) addCvss(s.score, a.id);
    for (const af of a.affected)
      for (const s of af.severity)
        if (s.type.startsWith('CVSS_')) addCvss(s.score, `${a.id} ${af.package?.name ?? ''}`.trim());
  }
  for (const c of nvd)
    for (const m of c.metrics)
      addCvss(m.vectorString, `NVD ${c.id} (${m.type}${m.source ? `, ${m.source}` : ''})`);
  for (const j of jvn)
    for (const m of j.cvss) {
      const vector = jvnVectorString(m);
      if (vector) addCvss(vector, j.id);
    }

  // The first public disclosure: the records' publication dates and the day KEV listed it (the API's rule).
  const published = firstPublished([
    ...osv.map((a) => ({ source: 'osv' as const, id: a.id, date: a.published })),
    ...nvd.map((c) => ({ source: 'nvd' as const, id: c.id, date: c.published })),
    ...jvn.map((j) => ({ source: 'jvn' as const, id: j.id, date: j.datePublic ?? null })),
    ...kevEntries.map((k) => ({ source: 'kev' as const, id: String(k.cveID), date: typeof k.dateAdded === 'string' ? k.dateAdded : null })),
  ]);
  const first = <T>(values: (T | null | undefined)[]): T | null =>
    values.find((v) => v !== null && v !== undefined) ?? null;
  const cwes = new Set<string>();
  for (const c of nvd)
    for (const w of c.weaknesses) for (const x of w.cwes) if (x.startsWith('CWE-')) cwes.add(x);
  for (const j of jvn) for (const x of j.cwes) cwes.add(x);
  for (const a of osv) {
    const dbs = a.database_specific as { cwe_ids?: unknown } | null;
    if (dbs && Array.isArray(dbs.cwe_ids))
      for (const x of dbs.cwe_ids) if (typeof x === 'string') cwes.add(x);
  }
  const related = new Set<string>();
  for (const a of osv) for (const x of relatedUpstream(a)) related.add(x);
  for (const j of jvn) for (const x of relatedCves(j.id, j.cves)) related.add(x);
  for (const x of ids) related.delete(x);
  return {
    id: canonicalId(ids),
    ids,
    related: [...related].sort(),
    relatedBy,
    records: stored.map((r) => ({
      source: r.source,
      id: r.id,
      modified: r.modified,
      withdrawn: r.withdrawn,
    })),
    summary: first([
      ...osv.map((a) => a.summary),
      ...nvd.map((c) => nvdDescription(c) ?? null),
      ...jvn.map((j) => j.title),
    ]),
    details: first([...osv.map((a) => a.details), ...jvn.map((j) => j.description ?? null)]),
    published: published?.date ?? null,
    publishedFrom: published?.from ?? null,
    modified: latestDate([
      ...osv.map((a) => a.modified),
      ...nvd.map((c) => c.lastModified),
      ...jvn.map((j) => j.dateLastUpdated ?? null),
    ]),
    withdrawn: first(osv.map((a) => a.withdrawn)),
    references: [...references.values()],
    cvss,
    cvssProblems,
    epss: enrichment.epss,
    kev: (kevEntries[0] as (Record<string, unknown> & { cveID: string }) | undefined) ?? null,
    affected: osv.flatMap((a) =>
      a.affected.map((af) => ({
        record: a.id,
        ecosystem: af.package?.ecosystem ?? null,
        name: af.package?.name ?? null,
        purl: af.package?.purl ?? null,
        ranges: af.ranges.map((r) => ({
          type: r.type,
          repo: r.repo,
          events: r.events as unknown as Record<string, string>[],
        })),
        versions: af.versions,
      })),
    ),
    cpe: nvd.flatMap((c) =>
      c.configurations.flatMap((conf) =>
        conf.nodes.flatMap((n) =>
          n.cpeMatch.map((m) => ({
            record: c.id,
            criteria: m.criteria,
            vulnerable: m.vulnerable,
            bounds: bounds(m),
          })),
        ),
      ),
    ),
    cwes: [...cwes].sort(),
  };
}

function eventsText(events: readonly Record<string, string>[]): string {
  return events
    .map((e) =>
      Object.entries(e)
        .map(([k, v]) => `${k} ${v}`)
        .join(''),
    )
    .join(', ');
}

function relatedByText(r: RelatedByRecord): string {
  return `${r.id}${r.withdrawn ? ' (withdrawn)' : ''}`;
}

function kevText(v: VulnerabilityView): string {
  return v.kev
    ? `known exploited since ${String(v.kev.dateAdded)}, due ${String(v.kev.dueDate)}${v.kev.knownRansomwareCampaignUse === 'Known' ? ', used in ransomware campaigns' : ''}`
    : 'not in the CISA KEV catalog';
}

/** An id with no record of its own: what the records naming it as related say, and its EPSS and KEV. */
function printNamedOnly(io: CliIo, v: VulnerabilityView): void {
  io.stdout(
    renderRecord([
      ['Vulnerability', v.id],
      ['Advisory', 'none of its own in the vulnerability database'],
      ['Named as related by', v.relatedBy.map(relatedByText).join(', ')],
      ['EPSS', v.epss ? `${v.epss.score} (percentile ${v.epss.percentile}, ${v.epss.date})` : '-'],
      ['KEV', kevText(v)],
    ]),
  );
  io.stdout('\nRecords that name it as related (other advisories built on it; not aliases):\n');
  io.stdout(
    renderTable(
      ['record', 'source', 'packages', 'summary'],
      v.relatedBy.map((r) => [
        relatedByText(r),
        r.source,
        r.packages.map((p) => (p.ecosystem === null ? p.name : `${p.ecosystem} ${p.name}`)).join(', ') || '-',
        r.summary ?? '-',
      ]),
    ),
  );
}

function printView(io: CliIo, v: VulnerabilityView): void {
  if (v.records.length === 0 && v.relatedBy.length > 0) {
    printNamedOnly(io, v);
    return;
  }
  const head: [string, string][] = [
    ['Vulnerability', v.id],
    ['Ids', v.ids.join(', ')],
  ];
  if (v.related.length > 0) head.push(['Related', v.related.join(', ')]);
  if (v.relatedBy.length > 0) head.push(['Named as related by', v.relatedBy.map(relatedByText).join(', ')]);
  head.push(['Summary', v.summary ?? '-']);
  if (v.withdrawn) head.push(['Withdrawn', v.withdrawn]);
  const from = v.publishedFrom && (v.publishedFrom.source === 'kev' ? `CISA KEV date added, ${v.publishedFrom.id}` : `${v.publishedFrom.source}:${v.publishedFrom.id}`);
  head.push(['Published', v.published ? `${v.published} (${from})` : '-'], ['Modified', v.modified ?? '-']);
  head.push([
    'Records',
    v.records.map((r) => `${r.source}:${r.id}${r.withdrawn ? ' (withdrawn)' : ''}`).join(', ') || '-',
  ]);
  head.push(['CWE', v.cwes.join(', ') || '-']);
  head.push(['EPSS', v.epss ? `${v.epss.score} (percentile ${v.epss.percentile}, ${v.epss.date})` : '-']);
  head.push(['KEV', kevText(v)]);
  io.stdout(renderRecord(head));
  if (v.details) io.stdout(`\n${v.details.length > 2000 ? `${v.details.slice(0, 2000)}…` : v.details}\n`);
  if (v.cvss.length > 0) {
    io.stdout('\nCVSS:\n');
    io.stdout(
      renderTable(
        ['version', 'base', 'severity', 'score', 'source', 'vector'],
        v.cvss.map((c) => [
          c.version,
          c.baseScore.toFixed(1),
          c.baseSeverity,
          `${c.score.toFixed(1)} ${c.nomenclature}`,
          c.source,
          c.vector,
        ]),
      ),
    );
  }
  for (const p of v.cvssProblems) io.stderr(`warning: ${p}\n`);
  if (v.affected.length > 0) {
    io.stdout('\nAffected packages:\n');
    io.stdout(
      renderTable(
        ['record', 'ecosystem', 'package', 'ranges', 'versions'],
        v.affected.map((a) => [
          a.record,
          a.ecosystem ?? '-',
          a.name ?? '-',
          a.ranges.map((r) => `${r.type}${r.repo ? ` ${r.repo}` : ''}: ${eventsText(r.events)}`).join('; ') ||
            '-',
          a.versions.length === 0
            ? '-'
            : a.versions.length <= 5
              ? a.versions.join(', ')
              : `${a.versions.slice(0, 5).join(', ')} … (${a.versions.length})`,
        ]),
      ),
    );
  }
  if (v.cpe.length > 0) {
    io.stdout('\nCPE configurations (NVD):\n');
    io.stdout(
      renderTable(
        ['record', 'vulnerable', 'criteria', 'versions'],
        v.cpe
          .slice(0, 200)
          .map((c) => [c.record, c.vulnerable ? 'yes' : 'no (platform)', c.criteria, c.bounds || '-']),
      ),
    );
  }
  if (v.references.length > 0) {
    io.stdout('\nReferences:\n');
    io.stdout(v.references.map((r) => `  ${r.type.padEnd(10)} ${r.url}\n`).join(''));
  }
}

/** Adds the `vuln` command group: `show` (offline) and `affected` (server). */
export function registerVulnCommands(program: Command, io: CliIo, global: () => GlobalOptions): void {
  registerVulnAffected(registerVuln(program, io, global), io, global);
}

function registerVuln(program: Command, io: CliIo, global: () => GlobalOptions): Command {
  const vuln = program
    .command('vuln')
    .description('Vulnerabilities in the local vulnerability database (offline)');
  vuln
    .command('show')
    .description(
      'Show one vulnerability with all its ids, summary, references, CVSS breakdown, EPSS, KEV and affected packages',
    )
    .argument('<id>', 'any id of the vulnerability: CVE-…, GHSA-…, PYSEC-…, JVNDB-…')
    .option('--vuln-db <file>', 'vulnerability database (MAMORI_VULNDB, default <data dir>/vulndb.sqlite)')
    .action((id: string, opts: { vulnDb?: string }) => {
      const db = openVulnDbForCli(vulnDbFile(io, global(), opts.vulnDb), { readonly: true });
      try {
        const view = vulnerabilityView(db, id.trim());
        if (view === null) throw new CliFailure(`No vulnerability "${id}" in ${db.file}.`, exitCodes.usage);
        if (global().format === 'json') io.stdout(`${JSON.stringify(view, null, 2)}\n`);
        else printView(io, view);
        if (view.records.length === 0 && view.relatedBy.length > 0)
          io.stderr(
            `${view.id} has no advisory of its own in ${db.file}; ${view.relatedBy.length === 1 ? '1 record names' : `${view.relatedBy.length} records name`} it as related: ${view.relatedBy.map((r) => r.id).join(', ')}.\n`,
          );
      } catch (e) {
        throw vulnDbFailure(e, db.file, false);
      } finally {
        db.close();
      }
    });
  // --db was the old name of --vuln-db (see feeds.ts).
  for (const command of vuln.commands) if (command.options.some((o) => o.long === '--vuln-db')) deprecatedAlias(command, io, '--db <file>', '--vuln-db');
  return vuln;
}
