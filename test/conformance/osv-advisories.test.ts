/**
 * The real OSV corpus (../shared/conformance/advisories, 30,667 records from 14 databases; see
 * STATS.md and SOURCES.md there):
 *
 * 1. Every record parses with `parseOsvRecord`, including the 3,037 the OSV JSON schema rejects for
 *    an unregistered id prefix (`LWA-`, `BREW-`), the unregistered `Homebrew` ecosystem, or GIT
 *    events that are not full commit hashes (4 PYSEC records): those are kept with warnings.
 * 2. Self-consistency: where an `affected[]` entry has both `versions` and SEMVER/ECOSYSTEM ranges,
 *    every listed version must evaluate as affected by the ranges alone (the versions list removed),
 *    since OSV.dev derives `versions` from the ranges. Disagreements are reported with record ids;
 *    only the documented exceptions below are tolerated.
 *
 * Documented exceptions (the record contradicts itself; mamori follows the OSV evaluation algorithm):
 * - PYSEC-2023-61 (django): `versions` lists 3.2a1, 3.2b1, 3.2rc1, 4.2a1, 4.2b1, 4.2rc1, but the
 *   range starts at `introduced: 3.2` / `4.2`, and PEP 440 orders pre-releases before the release.
 * - PYSEC-2021-114 (wagtail): overlapping intervals in one range (`introduced 2.11, fixed 2.11.7,
 *   introduced 0, fixed 2.11.6`); sorted and walked as the spec says, `fixed 2.11.6` closes the
 *   interval, so 2.11.6 is not affected although `versions` lists it.
 *
 * 3. Match records (src/vulndb/match-records.ts), what the vulnerability database stores for the
 *    matcher, keep every record's entries exactly: stored and read back they are equal, their
 *    versions lists answer `includes` like the arrays, and evaluation gives the same verdict; the
 *    decision without evidence (`affectedDecision`) is the verdict's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseOsvRecord, type Advisory } from '../../src/core/vulns/advisory.js';
import { groupAliases } from '../../src/core/vulns/aliases.js';
import { affectedDecision, evaluateAffected } from '../../src/core/vulns/osv-range.js';
import { decodeMatchRecord, encodeMatchRecord, packageMatchRecords } from '../../src/vulndb/match-records.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'advisories');
const present = existsSync(path.join(dir, 'stats.json'));
const inCi = process.env.CI === 'true';

const documentedExceptions: Readonly<Record<string, readonly string[]>> = {
  'PYSEC-2023-61': ['3.2a1', '3.2b1', '3.2rc1', '4.2a1', '4.2b1', '4.2rc1'],
  'PYSEC-2021-114': ['2.11.6'],
};

describe('OSV advisory corpus', () => {
  if (!present) {
    it('needs ../shared/conformance/advisories', () => {
      if (inCi) expect.fail(`conformance data missing: ${dir}`);
      console.warn(`skipping OSV advisory corpus: ${dir} is absent`);
    });
    return;
  }

  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort();
  const advisories: Advisory[] = [];
  const refused: string[] = [];
  let total = 0;
  const warningCounts = new Map<string, number>();

  it('parses every record', () => {
    for (const file of files) {
      const lines = gunzipSync(readFileSync(path.join(dir, file))).toString('utf8').split('\n');
      for (const line of lines) {
        if (line.trim() === '') continue;
        total++;
        const json = JSON.parse(line) as unknown;
        const r = parseOsvRecord(json);
        if (!r.ok) {
          refused.push(`${file} ${(json as { id?: string }).id ?? '?'}: ${r.reason}`);
          continue;
        }
        advisories.push(r.advisory);
        for (const w of r.warnings) {
          const key = `${file}: ${w.message.replace(/"[^"]*"/g, '…')}`;
          warningCounts.set(key, (warningCounts.get(key) ?? 0) + 1);
        }
      }
    }
    console.info(`OSV corpus: ${advisories.length}/${total} records parsed, ${refused.length} refused`);
    console.info(`warnings (kind × count):\n${[...warningCounts].sort().map(([k, n]) => `  ${n} × ${k}`).join('\n')}`);
    expect(total).toBe(30667);
    expect(refused).toEqual([]);
  });

  it('evaluates every enumerated version as affected by its own ranges', () => {
    expect(advisories.length).toBeGreaterThan(0);
    let checked = 0;
    let entries = 0;
    let excused = 0;
    const disagreements: string[] = [];
    const unknowns = new Map<string, number>();
    for (const a of advisories) {
      for (const [i, affected] of a.affected.entries()) {
        if (!affected.package || affected.versions.length === 0) continue;
        const ranges = affected.ranges.filter((r) => r.type !== 'GIT');
        if (ranges.length === 0) continue;
        entries++;
        const rangesOnly = { ...affected, versions: [], ranges };
        for (const v of affected.versions) {
          checked++;
          const verdict = evaluateAffected(rangesOnly, affected.package.ecosystem, v);
          if (verdict.affected === true) continue;
          if (verdict.affected === 'unknown') {
            const key = `${affected.package.ecosystem} ${verdict.evidence.reason ?? '?'}`;
            unknowns.set(key, (unknowns.get(key) ?? 0) + 1);
            continue;
          }
          if (documentedExceptions[a.id]?.includes(v)) {
            excused++;
            continue;
          }
          disagreements.push(`${a.id} affected[${i}] ${affected.package.ecosystem}/${affected.package.name} ${v}`);
        }
      }
    }
    console.info(`self-consistency: ${checked} listed versions in ${entries} affected entries; ${disagreements.length} evaluate as not affected (+ ${excused} documented exceptions); unknown: ${JSON.stringify(Object.fromEntries(unknowns))}`);
    if (disagreements.length > 0) console.info(disagreements.slice(0, 60).join('\n'));
    expect(disagreements).toEqual([]);
    expect(excused).toBe(7);
  });

  it('stores the match records of every record losslessly', () => {
    expect(advisories.length).toBeGreaterThan(0);
    let records = 0;
    let joined = 0;
    let verdicts = 0;
    const problems: string[] = [];
    for (const a of advisories) {
      for (const [key, rec] of packageMatchRecords(a)) {
        records++;
        const text = encodeMatchRecord(rec);
        const back = decodeMatchRecord(a.id, text);
        if (JSON.stringify(back) !== JSON.stringify(rec)) problems.push(`${a.id} ${key}: differs after storing`);
        rec.affected.forEach((af, k) => {
          const stored = back.affected[k]!;
          if (!Array.isArray(stored.versions)) joined++;
          const versions = af.versions as readonly string[];
          if (stored.versions.length !== versions.length) problems.push(`${a.id} ${key}: ${stored.versions.length} versions, not ${versions.length}`);
          // Listed versions (first and last few), versions next to them, and the range events' versions.
          const probes = new Set<string>([...versions.slice(0, 3), ...versions.slice(-3)]);
          for (const v of [...probes]) for (const near of [`${v}.0`, v.slice(0, -1), ` ${v}`, `${v}\n`]) probes.add(near);
          for (const r of af.ranges) for (const e of r.events) probes.add(Object.values(e)[0] as string);
          probes.add('');
          for (const v of probes) {
            if (stored.versions.includes(v) !== versions.includes(v)) problems.push(`${a.id} ${key}: includes(${JSON.stringify(v)})`);
            verdicts++;
            const want = evaluateAffected(af, af.package.ecosystem, v);
            const got = evaluateAffected(stored, af.package.ecosystem, v);
            if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${a.id} ${key}: verdict for ${JSON.stringify(v)}`);
            if (affectedDecision(stored, af.package.ecosystem, v) !== want.affected) problems.push(`${a.id} ${key}: decision for ${JSON.stringify(v)}`);
          }
        });
      }
    }
    console.info(`match records: ${records} (record, package) pairs, ${joined} versions lists stored joined, ${verdicts} verdicts compared`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(records).toBeGreaterThan(30_000);
    expect(joined).toBeGreaterThan(5_000);
  });

  it('groups aliases deterministically', () => {
    const groups = groupAliases(advisories);
    const again = groupAliases([...advisories].reverse());
    expect(again.map((g) => g.id)).toEqual(groups.map((g) => g.id));
    const merged = groups.filter((g) => g.recordIds.length > 1);
    console.info(`aliases: ${advisories.length} records → ${groups.length} vulnerabilities; ${merged.length} groups merge several records`);
  });
});
