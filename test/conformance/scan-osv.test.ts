/**
 * `mamori scan` end to end on real OSV records (../shared/conformance/advisories): the records of a
 * few PyPI, RubyGems and crates.io packages are imported into a temporary vulnerability database
 * with the importer, an SBOM naming those packages is scanned through the CLI, and the findings are
 * checked against an independent oracle that needs no version ordering: OSV.dev's enumerated
 * `versions` lists and the `introduced` versions of ranges. Every record that names the component's
 * version that way must be among the finding evidence, every finding's records must name the package, and no vulnerability is reported
 * twice for one component (aliases merged).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { openVulnDb } from '../../src/vulndb/database.js';
import { importPath } from '../../src/vulndb/import.js';
import { normalisePackageName } from '../../src/vulndb/keys.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'advisories');
const present = existsSync(path.join(dir, 'stats.json'));
const inCi = process.env.CI === 'true';

/** Packages scanned: [corpus file, OSV ecosystem, name, purl type]. */
const packages = [
  ['pypa-advisory-db.jsonl.gz', 'PyPI', 'jinja2', 'pypi'],
  ['pypa-advisory-db.jsonl.gz', 'PyPI', 'django', 'pypi'],
  ['pypa-advisory-db.jsonl.gz', 'PyPI', 'urllib3', 'pypi'],
  ['rubysec.jsonl.gz', 'RubyGems', 'nokogiri', 'gem'],
  ['rustsec.jsonl.gz', 'crates.io', 'tokio', 'cargo'],
] as const;

/** Records that contradict themselves (see test/conformance/osv-advisories.test.ts). */
const selfContradicting = new Set(['PYSEC-2023-61', 'PYSEC-2021-114']);

interface Raw {
  id: string;
  withdrawn?: string;
  affected?: { package?: { ecosystem: string; name: string }; versions?: string[]; ranges?: { type: string; events: Record<string, string>[] }[] }[];
}

/**
 * Versions an `affected` entry says are affected without evaluating its ranges: the enumerated
 * `versions` (OSV.dev derives them from the ranges) and every non-zero `introduced` version of a
 * SEMVER/ECOSYSTEM range that has no `fixed` event at the same version.
 */
function evidentlyAffected(a: NonNullable<Raw['affected']>[number]): string[] {
  const out = [...(a.versions ?? [])];
  for (const r of a.ranges ?? []) {
    if (r.type === 'GIT') continue;
    const fixed = new Set(r.events.map((e) => e['fixed']).filter((x) => x !== undefined));
    for (const e of r.events) if (e['introduced'] !== undefined && e['introduced'] !== '0' && !fixed.has(e['introduced'])) out.push(e['introduced']);
  }
  return out;
}

describe('mamori scan on real OSV records', () => {
  if (!present) {
    it('needs ../shared/conformance/advisories', () => {
      if (inCi) expect.fail(`conformance data missing: ${dir}`);
      console.warn(`skipping scan conformance: ${dir} is absent`);
    });
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mamori-scan-conf-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds what the versions lists say, merged per vulnerability, for every component', async () => {
    const selected: Raw[] = [];
    const lines: string[] = [];
    const corpora = new Map<string, string[]>();
    for (const [file, ecosystem, name] of packages) {
      if (!corpora.has(file)) corpora.set(file, gunzipSync(readFileSync(path.join(dir, file))).toString('utf8').split('\n'));
      for (const line of corpora.get(file)!) {
        if (line.trim() === '') continue;
        const raw = JSON.parse(line) as Raw;
        const names = (raw.affected ?? []).some((a) => a.package?.ecosystem === ecosystem && normalisePackageName(ecosystem, a.package.name) === name);
        if (names && !selected.some((s) => s.id === raw.id)) {
          selected.push(raw);
          lines.push(line);
        }
      }
    }
    expect(selected.length).toBeGreaterThan(20);
    writeFileSync(path.join(tmp, 'records.jsonl'), lines.join('\n') + '\n');
    const db = openVulnDb(path.join(tmp, 'vulndb.sqlite'));
    const report = await importPath(db, path.join(tmp, 'records.jsonl'));
    db.close();
    expect(report.counts.skipped).toBe(0);

    // For each package, the version named in the most versions lists (many findings), and one named in none.
    const components: { ecosystem: string; name: string; version: string; purl: string; expected: Set<string>; named: Set<string> }[] = [];
    for (const [, ecosystem, name, type] of packages) {
      const counts = new Map<string, number>();
      const named = new Set<string>();
      for (const r of selected) {
        for (const a of r.affected ?? []) {
          if (a.package?.ecosystem !== ecosystem || normalisePackageName(ecosystem, a.package.name) !== name) continue;
          named.add(r.id);
          if (r.withdrawn || selfContradicting.has(r.id)) continue;
          for (const v of new Set(evidentlyAffected(a))) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
      }
      const version = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
      const expected = new Set(
        selected
          .filter((r) => !r.withdrawn && !selfContradicting.has(r.id))
          .filter((r) => (r.affected ?? []).some((a) => a.package?.ecosystem === ecosystem && normalisePackageName(ecosystem, a.package.name) === name && evidentlyAffected(a).includes(version)))
          .map((r) => r.id),
      );
      components.push({ ecosystem, name, version, purl: `pkg:${type}/${name}@${version}`, expected, named });
    }
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: components.map((c) => ({ type: 'library', 'bom-ref': c.purl, name: c.name, version: c.version, purl: c.purl })),
    };
    writeFileSync(path.join(tmp, 'bom.json'), JSON.stringify(bom));

    const r = await runCli(['scan', 'bom.json', '--vuln-db', 'vulndb.sqlite', '--format', 'json'], { cwd: tmp, env: {} });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: { component: { purl: string }; vulnerability: { id: string; aliases: string[] }; severity: string; evidence: { recordId: string }[] }[];
      unevaluated: unknown[];
    };
    expect(out.unevaluated).toEqual([]);
    for (const c of components) {
      const mine = out.findings.filter((f) => f.component.purl === c.purl);
      const evidenceIds = new Set(mine.flatMap((f) => f.evidence.map((e) => e.recordId)));
      for (const id of c.expected) expect(evidenceIds.has(id), `${c.purl}: ${id} lists the version but was not found`).toBe(true);
      for (const id of evidenceIds) expect(c.named.has(id), `${c.purl}: ${id} does not name the package`).toBe(true);
      // One finding per vulnerability: no id appears in two findings of the same component.
      const allIds = mine.flatMap((f) => [f.vulnerability.id, ...f.vulnerability.aliases]);
      expect(new Set(allIds).size).toBe(allIds.length);
      expect(mine.length).toBeGreaterThan(0);
    }
    // PYSEC and GHSA records of the same CVE became one finding somewhere in the set.
    expect(out.findings.some((f) => f.evidence.length > 1 || f.vulnerability.aliases.length > 0)).toBe(true);
    expect(out.findings.every((f) => ['none', 'low', 'medium', 'high', 'critical', 'unknown'].includes(f.severity))).toBe(true);
  });
});
