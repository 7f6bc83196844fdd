/**
 * `npm run bench -- vulns` (scan part): a 10,000-component SBOM against a vulnerability database of
 * 200,000 OSV records (the real ones of ../shared/conformance/advisories plus generated copies,
 * bench/vulns-import.ts `writeOsvCorpus`).
 *
 * - Warm matching: one `Matcher` over the 10,000 components after one warm-up run (the database's
 *   caches and the matcher's caches of ids and enrichment warm; every component's versions are
 *   still compared), as component evaluations per second (target ≥ 100,000/s); also a fresh matcher
 *   per run (what one `mamori scan` process does). Baseline: mapping the same purls to OSV packages
 *   (parse + ecosystem mapping, the least work any matcher does per component).
 * - `mamori scan` end to end as a child process (built CLI, bin/mamori.js), JSON output (target
 *   < 2 s including process start); baseline: `mamori --version` (process start and module load).
 *
 * The SBOM is realistic in shape: 20 % of the components are packages the database has advisories
 * for (at a version a record names, so findings are made), 75 % packages it has none for, 5 % have
 * only a CPE or nothing (listed as unevaluated).
 *
 * `BENCH_VULNS_RECORDS=N` and `BENCH_VULNS_COMPONENTS=N` change the sizes (for a quick run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { osvPackageForPurlString, purlForOsvPackage } from '../src/core/identity/osv-ecosystem.js';
import type { ComponentIdentity } from '../src/core/vulns/finding.js';
import { openVulnDb } from '../src/vulndb/database.js';
import { importPath } from '../src/vulndb/import.js';
import { Matcher, matchComponents } from '../src/vulns/match.js';
import { median, peakRssMiB, report, time } from './measure.js';
import { writeOsvCorpus } from './vulns-import.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const advisoriesDir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'advisories');

interface RawRecord {
  withdrawn?: string;
  affected?: { package?: { ecosystem: string; name: string }; versions?: string[]; ranges?: { type: string; events: Record<string, string>[] }[] }[];
}

/** A version the record names for the package: an enumerated version, else a non-zero introduced, else a fixed one. */
function namedVersion(a: NonNullable<RawRecord['affected']>[number]): string | null {
  if (a.versions && a.versions.length > 0) return a.versions[Math.floor(a.versions.length / 2)]!;
  for (const r of a.ranges ?? []) {
    if (r.type === 'GIT') continue;
    for (const e of r.events) if (e['introduced'] && e['introduced'] !== '0') return e['introduced'];
    for (const e of r.events) if (e['fixed']) return e['fixed'];
  }
  return null;
}

/** Library ecosystems a device's software is built from (the corpus also has OS distributions and Bitnami images). */
const applicationEcosystems = new Set(['npm', 'PyPI', 'Maven', 'Go', 'crates.io', 'RubyGems', 'NuGet', 'Packagist', 'Hex', 'Pub', 'Hackage', 'CRAN', 'opam', 'Julia', 'GitHub Actions']);

/** Components: 20 % from records of the corpus (with purls that map back to their package), the rest misses. */
export function benchComponents(corpusFile: string, n: number): ComponentIdentity[] {
  const hits: ComponentIdentity[] = [];
  const wantHits = Math.floor(n * 0.2);
  const lines = readFileSync(corpusFile, 'utf8').split('\n');
  // Spread the picks over the whole corpus (real and generated records).
  const step = Math.max(1, Math.floor(lines.length / (wantHits * 2)));
  const seen = new Set<string>();
  for (let i = 0; i < lines.length && hits.length < wantHits; i += step) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as RawRecord;
    if (r.withdrawn) continue;
    const a = (r.affected ?? []).find((x) => x.package);
    if (!a?.package) continue;
    const version = namedVersion(a);
    if (version === null) continue;
    if (!applicationEcosystems.has(a.package.ecosystem)) continue;
    const purl = purlForOsvPackage({ ecosystem: a.package.ecosystem, name: a.package.name }, version);
    // One component per package, as in a real SBOM.
    const pkgKey = `${a.package.ecosystem}/${a.package.name}`;
    if (!purl.ok || seen.has(pkgKey) || !osvPackageForPurlString(purl.purl).ok) continue;
    seen.add(pkgKey);
    hits.push({ key: purl.purl, bomRef: purl.purl, name: a.package.name, version, purl: purl.purl, cpe: null, cpeMatching: false });
  }
  const out: ComponentIdentity[] = [];
  const types = ['npm', 'pypi', 'maven', 'golang', 'cargo', 'gem', 'nuget', 'composer'];
  const noId = Math.floor(n * 0.05);
  for (let i = 0; out.length + hits.length + noId < n; i++) {
    const type = types[i % types.length]!;
    const name = `internal-component-${i}`;
    const version = `${i % 9}.${i % 17}.${i % 31}`;
    const purl = type === 'maven' ? `pkg:maven/com.example.g${i % 40}/${name}@${version}` : type === 'golang' ? `pkg:golang/example.com/m${i % 40}/${name}@v${version}` : type === 'composer' ? `pkg:composer/example/${name}@${version}` : `pkg:${type}/${name}@${version}`;
    out.push({ key: `miss-${i}`, bomRef: `miss-${i}`, name, version, purl, cpe: null, cpeMatching: false });
  }
  for (let i = 0; i < noId; i++)
    out.push({ key: `fw-${i}`, bomRef: `fw-${i}`, name: `firmware-${i}`, version: '1.0', purl: null, cpe: i % 2 === 0 ? `cpe:2.3:o:example:rtos${i}:1.0:*:*:*:*:*:*:*` : null, cpeMatching: false });
  // Interleave hits among the rest, deterministically.
  const all: ComponentIdentity[] = [];
  const every = Math.max(1, Math.floor((out.length + hits.length) / Math.max(1, hits.length)));
  let h = 0;
  for (let i = 0; i < out.length; i++) {
    if (i % every === 0 && h < hits.length) all.push(hits[h++]!);
    all.push(out[i]!);
  }
  while (h < hits.length) all.push(hits[h++]!);
  return all;
}

function cycloneDx(components: readonly ComponentIdentity[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:6f2c1a0e-8a43-4c49-9f4f-2d1f3e7b9a10',
    version: 1,
    metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'bench device', version: '1.0' } },
    components: components.map((c) => ({
      type: c.purl ? 'library' : 'firmware',
      'bom-ref': c.bomRef,
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      ...(c.purl ? { purl: c.purl } : {}),
      ...(c.cpe ? { cpe: c.cpe } : {}),
    })),
  });
}

function cliCommand(): { cmd: string; args: string[]; built: boolean } {
  const built = existsSync(path.join(repoRoot, 'dist', 'cli', 'commands', 'scan.js'));
  return built
    ? { cmd: process.execPath, args: [path.join(repoRoot, 'bin', 'mamori.js')], built }
    : { cmd: process.execPath, args: ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts')], built };
}

export async function runVulnsScanBench(): Promise<void> {
  if (!existsSync(advisoriesDir)) {
    console.log(`skipped: ${advisoriesDir} is absent`);
    return;
  }
  const records = Number(process.env.BENCH_VULNS_RECORDS ?? 200_000);
  const n = Number(process.env.BENCH_VULNS_COMPONENTS ?? 10_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-scan-'));
  try {
    const corpus = path.join(dir, 'osv.jsonl');
    await writeOsvCorpus(corpus, records);
    const dbFile = path.join(dir, 'vulndb.sqlite');
    const writable = openVulnDb(dbFile);
    const imported = await time(() => importPath(writable, corpus));
    writable.close();
    const components = benchComponents(corpus, n);
    const sbomFile = path.join(dir, 'bom.json');
    writeFileSync(sbomFile, cycloneDx(components));
    console.log(`database: ${records} OSV records (imported in ${(imported.ms / 1000).toFixed(1)} s); SBOM: ${components.length} components`);

    // Warm matching in-process.
    const db = openVulnDb(dbFile, { readonly: true });
    const first = matchComponents(db, components);
    // Fresh matcher each run (the database's own caches warm): what one `mamori scan` does.
    const freshMs = await median(3, () => matchComponents(db, components));
    // One matcher reused (its caches of ids and enrichment warm): a long-lived process scanning releases.
    const matcher = new Matcher(db);
    const matchMs = await median(3, () => matcher.match(components));
    const mapMs = await median(3, () => {
      for (const c of components) if (c.purl) osvPackageForPurlString(c.purl);
    });
    db.close();
    const perSecond = first.evaluations / (matchMs / 1000);
    console.log(
      `findings ${first.findings.length} on ${first.evaluated.filter((e) => e.findings > 0).length} components; evaluated ${first.evaluated.length}, not evaluated ${first.unevaluated.length}; evaluations ${first.evaluations}`,
    );
    report([
      { name: `match ${components.length} components (warm)`, ms: matchMs, baselineMs: mapMs, note: `${perSecond.toFixed(0)} evaluations/s (target ≥ 100,000/s); baseline: purl → OSV package only` },
      { name: `match ${components.length} components (fresh matcher)`, ms: freshMs, baselineMs: mapMs, note: `${(first.evaluations / (freshMs / 1000)).toFixed(0)} evaluations/s; ids and enrichment asked from the database` },
    ]);

    // End to end, as a child process.
    const cli = cliCommand();
    const run = (args: string[]) => execFileSync(cli.cmd, [...cli.args, ...args], { cwd: repoRoot, env: { ...process.env, MAMORI_DATA_DIR: dir }, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = JSON.parse(run(['scan', sbomFile, '--vuln-db', dbFile, '--format', 'json']).toString('utf8')) as { findings: unknown[]; unevaluated: unknown[] };
    if (out.findings.length !== first.findings.length) throw new Error(`the CLI found ${out.findings.length}, the matcher ${first.findings.length}`);
    const startMs = await median(3, () => run(['--version']));
    const scanMs = await median(3, () => run(['scan', sbomFile, '--vuln-db', dbFile, '--format', 'json']));
    report([
      {
        name: `mamori scan ${components.length} components (process)`,
        ms: scanMs,
        baselineMs: startMs,
        note: `target < 2000 ms; baseline: mamori --version${cli.built ? '' : ' (NOT BUILT: ran from source with tsx; run npm run build:server for the real figure)'}`,
      },
    ]);
    console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB (this process)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
