import { describe, expect, it } from 'vitest';
import type { OsvAffected, OsvEvent, OsvRange } from './advisory.js';
import { affectedDecision, evaluateAffected } from './osv-range.js';

function entry(ecosystem: string, ranges: Partial<OsvRange>[], versions: string[] = []): OsvAffected {
  return {
    package: { ecosystem, name: 'pkg', purl: null },
    severity: [],
    ranges: ranges.map((r) => ({ type: 'SEMVER', repo: null, events: [], database_specific: null, ...r })),
    versions,
    ecosystem_specific: null,
    database_specific: null,
  };
}
const semver = (...events: OsvEvent[]): Partial<OsvRange> => ({ type: 'SEMVER', events });
const eco = (...events: OsvEvent[]): Partial<OsvRange> => ({ type: 'ECOSYSTEM', events });

// [source, ecosystem, ranges, versions list, version, expected]
const rows: [string, string, Partial<OsvRange>[], string[], string, boolean | 'unknown'][] = [
  ['schema.md Evaluation: "Unfixed vulnerability example" (introduced 0)', 'npm', [semver({ introduced: '0' })], [], '0.0.1', true],
  ['schema.md "Fixed vulnerability example": 1.0.1 < 1.0.2', 'npm', [semver({ introduced: '0' }, { fixed: '1.0.2' })], [], '1.0.1', true],
  ['schema.md "Fixed vulnerability example": fixed is not affected', 'npm', [semver({ introduced: '0' }, { fixed: '1.0.2' })], [], '1.0.2', false],
  ['schema.md "Multiple range example": [1.0.0,1.0.2) ∪ [3.0.0,3.2.5), inside the second', 'npm', [semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' })], [], '3.1.0', true],
  ['schema.md "Multiple range example": between the intervals', 'npm', [semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' })], [], '2.0.0', false],
  ['schema.md "Multiple range example": before the first introduced', 'npm', [semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' })], [], '0.9.0', false],
  ['schema.md Evaluation: events are sorted before walking (unsorted input)', 'npm', [semver({ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' })], [], '1.0.1', true],
  ['schema.md "last_affected vs fixed": last_affected is inclusive', 'PyPI', [eco({ introduced: '0' }, { last_affected: '2.1.214' })], [], '2.1.214', true],
  ['schema.md "last_affected vs fixed": above last_affected is unaffected', 'PyPI', [eco({ introduced: '0' }, { last_affected: '2.1.214' })], [], '2.1.215', false],
  ['schema.md Special values: limit bounds the range (v ≥ limit)', 'npm', [semver({ introduced: '1.0.0' }, { limit: '2.0.0' })], [], '2.0.0', false],
  ['schema.md BeforeLimits: v < limit', 'npm', [semver({ introduced: '1.0.0' }, { limit: '2.0.0' })], [], '1.5.0', true],
  ['schema.md Special values: limit "*" is infinity', 'npm', [semver({ introduced: '1.0.0' }, { limit: '*' })], [], '99.0.0', true],
  ['schema.md IncludedInVersions: exact match in versions', 'PyPI', [], ['1.0'], '1.0', true],
  ['schema.md IncludedInVersions: string equality only (1.0.0 ≠ 1.0)', 'PyPI', [], ['1.0'], '1.0.0', false],
  ['schema.md IsVulnerable: versions OR ranges', 'PyPI', [eco({ introduced: '2.0' }, { fixed: '2.1' })], ['1.5'], '1.5', true],
  ['PEP 440 order in ECOSYSTEM ranges (PYSEC-2023-61): 3.2rc1 < 3.2', 'PyPI', [eco({ introduced: '3.2' }, { fixed: '3.2.19' })], [], '3.2rc1', false],
  ['PEP 440: 3.2.10 > 3.2.9 (not lexicographic)', 'PyPI', [eco({ introduced: '3.2' }, { fixed: '3.2.19' })], [], '3.2.10', true],
  ['SemVer §11: 1.0.0-alpha < 1.0.0 (GO-2020-0001 style SEMVER)', 'Go', [semver({ introduced: '0' }, { fixed: '1.0.0' })], [], '1.0.0-alpha', true],
  ['Debian dpkg order: epoch 1:0.9 > 2.0 (ECOSYSTEM)', 'Debian:12', [eco({ introduced: '0' }, { fixed: '2.0-1' })], [], '1:0.9-1', false],
  ['rustsec: introduced "0.0.0-0" (RUSTSEC records)', 'crates.io', [semver({ introduced: '0.0.0-0' }, { fixed: '0.3.0' })], [], '0.2.9', true],
  ['last_affected with several intervals (nswg-npm conversion)', 'npm', [semver({ introduced: '1.0.0' }, { last_affected: '1.0.0' }, { introduced: '2.0.0' })], [], '1.5.0', false],
];

describe('evaluateAffected (OSV schema, Evaluation)', () => {
  it.each(rows)('%s', (_source, ecosystem, ranges, versions, version, want) => {
    expect(evaluateAffected(entry(ecosystem, ranges, versions), ecosystem, version).affected).toBe(want);
    // The decision without evidence is the same.
    expect(affectedDecision(entry(ecosystem, ranges, versions), ecosystem, version)).toBe(want);
  });

  it('decides unknown exactly where evaluateAffected does', () => {
    const git = { type: 'GIT' as const, repo: 'https://example.com/r.git', events: [{ introduced: '0' }] };
    const cases: [ReturnType<typeof entry>, string, string][] = [
      [entry('Debian:11', [eco({ introduced: '0' })]), 'Debian:12', '1.0'],
      [entry('npm', []), 'npm', '1.0.0'],
      [entry('npm', [git]), 'npm', '1.0.0'],
      [entry('npm', [git], ['1.0.0']), 'npm', '1.0.1'],
      [entry('npm', [semver({ introduced: 'not a version' })]), 'npm', '1.0.0'],
      [entry('npm', [semver({ introduced: '0' })]), 'npm', 'not a version'],
      [entry('npm', [semver({ introduced: 'bad' }), semver({ introduced: '1.0.0' })]), 'npm', '1.2.0'],
    ];
    for (const [e, ecosystem, version] of cases)
      expect(affectedDecision(e, ecosystem, version), `${JSON.stringify(e.ranges)} ${version}`).toBe(
        evaluateAffected(e, ecosystem, version).affected,
      );
  });

  it('names the range, the deciding events and the rule (evidence)', () => {
    const r = evaluateAffected(entry('npm', [semver({ introduced: '0' }, { fixed: '1.0.2' })]), 'npm', '1.0.1');
    expect(r.evidence).toMatchObject({ identifier: 'npm/pkg', rule: 'range', rangeIndex: 0, events: [{ introduced: '0' }, { fixed: '1.0.2' }], reason: null });
    const v = evaluateAffected(entry('PyPI', [], ['1.0']), 'PyPI', '1.0');
    expect(v.evidence).toMatchObject({ rule: 'versions-list', matchedVersion: '1.0' });
  });

  it('reports GIT ranges as not evaluable instead of guessing (schema.md ranges[].type GIT)', () => {
    const git: Partial<OsvRange> = { type: 'GIT', repo: 'https://github.com/owner/repo', events: [{ introduced: 'a'.repeat(40) }] };
    const r = evaluateAffected(entry('OSS-Fuzz', [git]), 'OSS-Fuzz', '1.0');
    expect(r.affected).toBe('unknown');
    expect(r.evidence.reason).toBe('git-range-not-evaluable');
    // With an enumerated versions list (required alongside GIT ranges), the list stands for it.
    const withList = evaluateAffected(entry('OSS-Fuzz', [git], ['2.0']), 'OSS-Fuzz', '1.0');
    expect(withList.affected).toBe(false);
    expect(evaluateAffected(entry('OSS-Fuzz', [git], ['2.0']), 'OSS-Fuzz', '2.0').affected).toBe(true);
  });

  it('never guesses on an unparseable version', () => {
    const r = evaluateAffected(entry('npm', [semver({ introduced: '0' }, { fixed: '1.0.0' })]), 'npm', 'not-a-version');
    expect(r.affected).toBe('unknown');
    expect(r.evidence.reason).toBe('version-unparseable');
  });

  it('says when the generic fallback scheme ordered the versions (Homebrew is not an OSV ecosystem)', () => {
    const r = evaluateAffected(entry('Homebrew', [eco({ introduced: '0' }, { fixed: '3.0_1' })]), 'Homebrew', '2.9');
    expect(r.affected).toBe(true);
    expect(r.evidence.rule).toBe('fallback-scheme');
  });

  it('refuses to compare across ecosystem releases (Debian:11 entry, Debian:12 component)', () => {
    const r = evaluateAffected(entry('Debian:11', [eco({ introduced: '0' })]), 'Debian:12', '1.0');
    expect(r.affected).toBe('unknown');
    expect(r.evidence.reason).toBe('ecosystem-mismatch');
  });
});
