/**
 * `mamori findings …` and `mamori vuln affected ID`: findings per release and the portfolio question
 * "which products and releases does this vulnerability affect". They read the platform store, so they
 * talk to a server (--server, --token), like `release` and `sbom upload`; the offline tools for a CI
 * pipeline are `mamori scan` and `mamori vuln show`.
 */
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { decisionFilterValues, type AffectedBy, type AnalysisSummary, type FindingPage, type RefreshSummary } from '../../contract/findings.js';
import type { Release } from '../../contract/releases.js';
import type { Page } from '../../core/page.js';
import { severities } from '../../core/vulns/finding.js';
import { apiClient, type ApiClient } from '../api-client.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData, renderRecord } from '../output.js';
import { resolveProduct } from './product.js';
import { talksToServer } from '../server-option.js';

type ReleaseT = z.infer<typeof Release>;
type FindingPageT = z.infer<typeof FindingPage>;
type AffectedByT = z.infer<typeof AffectedBy>;

async function resolveRelease(client: ApiClient, productRef: string, version: string): Promise<{ productName: string; release: ReleaseT }> {
  const product = await resolveProduct(client, productRef);
  const page = await client.request<Page<ReleaseT>>('GET', `/products/${product.id}/releases?archived=include&limit=500`);
  const release = page.items.find((r) => r.version === version || r.id === version);
  if (!release) throw new CliFailure(`${product.name} has no release "${version}".`, exitCodes.usage);
  return { productName: product.name, release };
}

/** How many rows the commands ask for at a time when they page through a list (the API's maximum). */
export const cliPage = { limit: 500 };

/**
 * Every row of a paged list: asks for the pages one after another until the total is reached (or a
 * page comes back empty, when the list shrank meanwhile). Returns the first page's other fields with
 * all the rows.
 */
export async function allPages<T, P extends { items: T[]; total: number; limit: number; offset: number }>(client: ApiClient, path: string, query: URLSearchParams): Promise<P> {
  const at = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('limit', String(cliPage.limit));
    q.set('offset', String(offset));
    return client.request<P>('GET', `${path}?${q}`);
  };
  const first = await at(0);
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await at(items.length);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items, limit: items.length, offset: 0 };
}

/** How long `--wait` waits for the server's own analysis of a release, and how often it looks. */
export const analysisWait = { timeoutMs: 15 * 60 * 1000, pollMs: 1000 };

/**
 * Waits while the server analyses the release by itself (after an upload or a component change,
 * ADR 0015), then answers the findings page as it is then. Gives up after `analysisWait.timeoutMs`.
 */
export async function waitForAnalysis(client: ApiClient, io: CliIo, release: { id: string; version: string }, path = `/releases/${release.id}/findings?limit=1`): Promise<FindingPageT> {
  const started = Date.now();
  let page = await client.request<FindingPageT>('GET', path);
  if (page.analysisPending) io.stderr(`Waiting for the server's analysis of release ${release.version}…\n`);
  while (page.analysisPending) {
    if (Date.now() - started > analysisWait.timeoutMs)
      throw new CliFailure(`The server's analysis of release ${release.version} did not finish within ${Math.round(analysisWait.timeoutMs / 60000)} minutes.`, exitCodes.checkFailed);
    await new Promise((resolve) => setTimeout(resolve, analysisWait.pollMs));
    page = await client.request<FindingPageT>('GET', path);
  }
  return page;
}

/** The applied triage decision in one cell: state, justification, where it comes from unless the finding's own, and the start of the reasoning. */
export function decisionText(d: FindingPageT['items'][number]['decision']): string {
  if (!d) return 'undecided';
  const parts = [d.justification ? `${d.state} (${d.justification})` : d.state];
  if (d.origin !== 'own') parts.push(`[${d.origin}]`);
  const detail = d.detail?.replace(/\s+/g, ' ').trim();
  if (detail) parts.push(`– ${detail.length > 60 ? `${detail.slice(0, 59)}…` : detail}`);
  return parts.join(' ');
}

function counts(s: { components: number; findings: number; unevaluated: number; new: number; changed: number; withdrawn: number; gone: number }): string {
  return `${s.components} components: ${s.components - s.unevaluated} evaluated, ${s.unevaluated} not evaluated; ${s.findings} findings; events: ${s.new} new, ${s.changed} changed, ${s.withdrawn} withdrawn, ${s.gone} gone`;
}

export function registerFindings(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const findings = talksToServer(program.command('findings')).description('Vulnerability findings per release; talks to a server (--server, --token)');
  const client = () => apiClient(configFrom(io, global()), io);

  findings
    .command('list')
    .description('List the findings of a release (KEV first, then by severity)')
    .requiredOption('--product <product>', 'product id or name')
    .requiredOption('--release <version>', 'release version')
    .option('--severity <list>', `comma-separated severities (${severities.join(', ')})`)
    .option('--kev', 'only known-exploited (CISA KEV) findings')
    .addOption(new Option('--status <status>', 'finding status').choices(['active', 'withdrawn', 'resolved-by-upgrade', 'gone', 'all']).default('active'))
    .option('--search <text>', 'substring of the vulnerability id, aliases, component name or purl')
    .option('--decision <list>', `comma-separated triage decisions that apply (${decisionFilterValues.join(', ')})`)
    .option('--wait', 'when the server is analysing the release by itself (after an upload), wait until it is done')
    .action(async (o: { product: string; release: string; severity?: string; kev?: boolean; status: string; search?: string; decision?: string; wait?: boolean }) => {
      const c = client();
      const { release } = await resolveRelease(c, o.product, o.release);
      const query = new URLSearchParams({ status: o.status });
      if (o.severity) query.set('severity', o.severity);
      if (o.kev) query.set('kev', 'true');
      if (o.search) query.set('q', o.search);
      if (o.decision) query.set('decision', o.decision);
      const path = `/releases/${release.id}/findings`;
      // Waits on the first page, then reads every page.
      if (o.wait) await waitForAnalysis(c, io, release, `${path}?${query}&limit=1`);
      const page = await allPages<FindingPageT['items'][number], FindingPageT>(c, path, query);
      if (!page.feeds.available) io.stderr(`No feeds imported yet on the server${page.feeds.path === null ? '' : ` (${page.feeds.path})`}.\n`);
      else if (page.analysisPending)
        io.stderr(`The server is analysing release ${release.version} by itself (after its latest change): the list may change when it is done. Add --wait to wait for it.\n`);
      else if (!page.analysis) io.stderr(`Release ${release.version} has not been analysed yet: run "mamori findings analyze".\n`);
      printData(io, global().format ?? 'table', page, {
        columns: ['vulnerability', 'severity', 'cvss', 'kev', 'component', 'version', 'fixed in', 'status', 'decision'],
        rows: page.items,
        cells: (f) => [
          f.vulnerabilityId,
          f.severity,
          f.cvssScore === null ? '-' : f.cvssScore.toFixed(1),
          f.kev ? `yes${f.kevDueDate ? ` (due ${f.kevDueDate})` : ''}` : '-',
          f.componentName,
          f.componentVersion,
          f.fixedVersions.join(', ') || '-',
          f.status,
          decisionText(f.decision),
        ],
      });
      if (page.total > page.items.length) io.stderr(`Showing ${page.items.length} of ${page.total} findings (the list changed while it was read).\n`);
    });

  findings
    .command('analyze')
    .description('Analyse the current inventory of a release against the server’s vulnerability database')
    .requiredOption('--product <product>', 'product id or name')
    .requiredOption('--release <version>', 'release version')
    .action(async (o: { product: string; release: string }) => {
      const c = client();
      const { release } = await resolveRelease(c, o.product, o.release);
      const s = await c.request<z.infer<typeof AnalysisSummary>>('POST', `/releases/${release.id}/analyze`);
      if (global().format === 'json') io.stdout(`${JSON.stringify(s, null, 2)}\n`);
      else io.stdout(renderRecord([['release', release.version], ['database seq', String(s.seq)], ['result', counts(s)]]));
    });

  findings
    .command('refresh')
    .description('Re-analyse after feed changes: only the components of packages changed since the last refresh')
    .action(async () => {
      const s = await client().request<z.infer<typeof RefreshSummary>>('POST', '/findings/refresh');
      if (global().format === 'json') io.stdout(`${JSON.stringify(s, null, 2)}\n`);
      else io.stdout(renderRecord([['changes read', `${s.changes} (seq ${s.fromSeq} → ${s.toSeq})`], ['package versions', String(s.packageVersions)], ['releases', String(s.releases)], ['result', counts(s)]]));
    });
}

/** Adds `affected` to the `vuln` command group (src/cli/commands/vuln.ts). */
export function registerVulnAffected(vuln: Command, io: CliIo, global: () => GlobalOptions): void {
  talksToServer(vuln.command('affected'))
    .description('Which products and releases a vulnerability affects (any id: CVE-…, GHSA-…), every page of them; talks to a server (--server, --token)')
    .argument('<id>', 'any id of the vulnerability')
    .addOption(new Option('--archived <which>', 'archived products and releases (marked in the stage column)').choices(['exclude', 'include', 'only']).default('exclude'))
    .action(async (id: string, o: { archived: string }) => {
      const c = apiClient(configFrom(io, global()), io);
      const result = await allPages<AffectedByT['items'][number], AffectedByT>(c, `/affected-by/${encodeURIComponent(id.trim())}`, new URLSearchParams({ archived: o.archived }));
      // A row listed through a record that names the id as related says which (ADR 0010 addendum 14).
      printData(io, global().format ?? 'table', result, {
        columns: ['product', 'release', 'stage', 'component', 'version', 'vulnerability', 'severity', 'kev', 'via'],
        rows: result.items,
        cells: (r) => [r.productName, r.releaseVersion, r.archived ? `${r.stage} (archived)` : r.stage, r.componentName, r.componentVersion, r.vulnerabilityId, r.severity, r.kev ? 'yes' : '-', r.via === null ? '-' : `via ${r.via}`],
      });
      const releases = new Set(result.items.map((r) => r.releaseId)).size;
      const archived = new Set(result.items.filter((r) => r.archived).map((r) => r.releaseId)).size;
      const relatedBy = result.relatedBy.length === 0 ? '' : `; named as related by ${result.relatedBy.join(', ')}`;
      io.stderr(`${id.trim()} (${result.ids.join(', ')}${relatedBy}): ${releases === 0 ? 'no release affected' : `${releases} release(s) affected${archived > 0 ? `, ${archived} of them archived` : ''}`}.\n`);
      if (result.total > result.items.length) io.stderr(`Showing ${result.items.length} of ${result.total} rows (the list changed while it was read).\n`);
    });
}
