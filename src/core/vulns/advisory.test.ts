import { describe, expect, it } from 'vitest';
import { parseOsvRecord } from './advisory.js';

const base = { id: 'GHSA-xxxx-xxxx-xxxx', modified: '2024-07-03T20:05:21Z' };
const pkg = { ecosystem: 'PyPI', name: 'gradio' };
const withRange = (range: unknown): unknown => ({ ...base, affected: [{ package: pkg, ranges: [range] }] });

// [source, record, refusal fragment]
const refused: [string, unknown, string][] = [
  ['schema.json required: id', { modified: base.modified }, 'id: must be a string'],
  ['schema.json required: modified', { id: base.id }, 'modified: is required'],
  ['schema.json $defs.timestamp pattern', { ...base, modified: '2024-07-03' }, 'RFC 3339'],
  ['schema.md: a record is an object', [base], 'JSON object'],
  ['schema.md ranges[].type: SEMVER, ECOSYSTEM, GIT', withRange({ type: 'RANGE', events: [{ introduced: '0' }] }), 'is not one of'],
  ['schema.md events Requirements: one type per event', withRange({ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0', fixed: '1.0.2' }] }), 'exactly one'],
  ['schema.md: at least one introduced (osv-linter nointroduced-CVE-2023-41045.json)', withRange({ type: 'GIT', repo: 'https://github.com/graylog2/graylog2-server', events: [{ fixed: '466af814523cffae9fbc7e77bab7472988f03c3e' }] }), 'introduced'],
  ['schema.md: last_affected or fixed, not both', withRange({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1' }, { last_affected: '2' }] }), 'mutually exclusive'],
  ['schema.json: GIT ranges require a repo', withRange({ type: 'GIT', events: [{ introduced: '0' }] }), 'repo'],
  ['schema.json: package requires ecosystem and name', { ...base, affected: [{ package: { name: 'x' } }] }, 'ecosystem'],
  ['schema.json references[].type enum', { ...base, references: [{ type: 'BLOG', url: 'https://x' }] }, 'reference type'],
  ['schema.json events minItems 1', withRange({ type: 'SEMVER', events: [] }), 'must not be empty'],
];

describe('parseOsvRecord', () => {
  it.each(refused)('refuses: %s', (_source, record, fragment) => {
    const r = parseOsvRecord(record);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
  });

  it('keeps unregistered id prefixes and ecosystems with warnings (BREW-, Homebrew; advisories/STATS.md)', () => {
    const r = parseOsvRecord({ id: 'BREW-glibc-CVE-2024-2961', modified: '2025-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Homebrew', name: 'glibc' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.40_1' }] }] }] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.path)).toEqual(['id', 'affected[0].package.ecosystem']);
  });

  it('keeps GIT events that are not full hashes with a warning (PYSEC-2019-155)', () => {
    const r = parseOsvRecord(withRange({ type: 'GIT', repo: 'https://github.com/x/y', events: [{ introduced: '0' }, { fixed: '4e7d0df9093' }] }));
    expect(r.ok && r.warnings[0]?.message).toContain('full-length commit hash');
  });

  it('reads a full record (schema.md "Python vulnerability" shape, PYSEC-2023-74)', () => {
    const r = parseOsvRecord({
      ...base,
      schema_version: '1.6.0',
      aliases: ['CVE-2023-1'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ...pkg, purl: 'pkg:pypi/gradio' }, versions: ['4.36.1'], ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.37' }] }], ecosystem_specific: { a: 1 } }],
      references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-1' }],
      credits: [{ name: 'someone', type: 'FINDER' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.advisory.affected[0]).toMatchObject({ package: { ecosystem: 'PyPI', name: 'gradio', purl: 'pkg:pypi/gradio' }, versions: ['4.36.1'] });
    expect(r.advisory.severity).toEqual([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]);
  });

  it('never lets __proto__ reach a stored object', () => {
    const r = parseOsvRecord(JSON.parse('{"id":"GO-1","modified":"2024-01-01T00:00:00Z","database_specific":{"__proto__":{"polluted":true}}}') as unknown);
    expect(r.ok && Object.getPrototypeOf(r.advisory.database_specific)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  // The paths of list entries are built only when something is refused (advisory.ts): each must
  // still name the exact entry.
  it.each([
    ['a version that is not a string', { ...base, affected: [{ package: pkg, versions: ['1.0', '1.1', 7] }] }, 'affected[0].versions[2]: must be a string'],
    ['an alias that is not a string', { ...base, aliases: ['CVE-2024-1', null] }, 'aliases[1]: must be a string'],
    ['an event with two kinds', withRange({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1', limit: '2' }] }), 'affected[0].ranges[0].events[1]: must have exactly one'],
    ['an event version that is not a string', withRange({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 2 }] }), 'affected[0].ranges[0].events[1].fixed: must be a string'],
    ['an empty event version', withRange({ type: 'ECOSYSTEM', events: [{ introduced: '' }] }), 'affected[0].ranges[0].events[0].introduced: must not be empty'],
    ['an event version over 1,024 characters', withRange({ type: 'ECOSYSTEM', events: [{ introduced: 'x'.repeat(1025) }] }), 'affected[0].ranges[0].events[0].introduced: is longer than 1024'],
    ['a reference type outside the enum', { ...base, references: [{ type: 'WEB', url: 'https://a' }, { type: 'BLOG', url: 'https://b' }] }, 'references[1].type: "BLOG" is not an OSV reference type'],
    ['a reference type that is not a string', { ...base, references: [{ type: 3, url: 'https://a' }] }, 'references[0].type: must be a string'],
    ['a reference without a url', { ...base, references: [{ type: 'WEB' }] }, 'references[0].url: must be a string'],
    ['a free-form object nested deeper than 64 levels', { ...base, database_specific: JSON.parse('{"a":'.repeat(70) + '1' + '}'.repeat(70)) as unknown }, 'database_specific: is nested deeper than 64 levels'],
  ])('names the entry it refuses: %s', (_what, record, reason) => {
    const r = parseOsvRecord(record);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining(reason) as unknown });
  });

  it('warns at the exact entry, and copies free-form objects without their __proto__ keys', () => {
    const r = parseOsvRecord({
      ...base,
      affected: [{ package: pkg, ranges: [{ type: 'GIT', repo: 'https://x', events: [{ introduced: '0' }, { fixed: 'abc' }] }], ecosystem_specific: { list: [1, { b: [true, null] }], s: 'x' } }],
      references: [{ type: 'WEB', url: 'https://a' }, { type: 'FIX', url: 'not a uri' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      { path: 'affected[0].ranges[0].events[1].fixed', message: '"abc" is not a full-length commit hash' },
      { path: 'references[1].url', message: '"not a uri" is not an absolute URI' },
    ]);
    expect(r.advisory.affected[0]!.ecosystem_specific).toEqual({ list: [1, { b: [true, null] }], s: 'x' });
  });
});
