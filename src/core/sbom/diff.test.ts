import { describe, expect, it } from 'vitest';
import {
  compareVersionsGeneric,
  componentIdentity,
  diffSbom,
  MAX_PAIRING_CANDIDATES,
  purlWithoutVersion,
} from './diff.js';
import { component, type Component, type SbomDocument } from './model.js';

function sbom(components: Component[], primary: Component | null = null): SbomDocument {
  return {
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    metadata: {
      serialNumber: null,
      version: 1,
      timestamp: null,
      name: null,
      authors: [],
      supplier: null,
      tools: [],
      lifecycles: [],
      component: primary,
      licenses: [],
      properties: [],
      externalReferences: [],
    },
    components,
    dependencies: [],
  };
}

const npm = (name: string, version: string, extra: Partial<Component> = {}) =>
  component({ bomRef: `${name}@${version}`, name, version, purl: `pkg:npm/${name}@${version}`, ...extra });

describe('generic version rule (documented in diff.ts)', () => {
  it.each([
    ['1.2.3', '1.2.4', 'upgraded', 'numeric run increases'],
    ['1.10.0', '1.9.0', 'downgraded', 'numbers compare numerically, not as text'],
    ['v1.2', '1.3', 'upgraded', 'leading v is ignored'],
    ['1.0', '1.0.1', 'upgraded', 'longer with a number is greater'],
    ['2.0.1', '2.0', 'downgraded', 'shorter with a number missing is smaller'],
    ['1.0', '1.0-rc1', 'changed', 'a trailing word cannot be ordered generically'],
    ['1.0-alpha', '1.0-beta', 'changed', 'different words are incomparable'],
    ['1.0', '1-0', 'changed', 'same runs, different text'],
    ['1.2.3', '1.2.3', 'unchanged', 'identical'],
    ['2024.01a', '2024.1b', 'changed', 'word differs after equal numbers'],
    [null, '1.0', 'changed', 'a version appears'],
  ] as [string | null, string, string, string][])('%s → %s is %s (%s)', (a, b, expected) => {
    expect(compareVersionsGeneric(a, b)).toBe(expected);
  });
});

describe('component identity', () => {
  it('uses the purl without version and qualifiers, type lower-cased', () => {
    expect(purlWithoutVersion('pkg:NPM/%40scope/x@1.0.0?arch=x64#dist')).toBe('pkg:npm/%40scope/x#dist');
    expect(componentIdentity(npm('lodash', '4.17.21'))).toBe('pkg:npm/lodash');
  });
  it('falls back to type + group + name without a purl', () => {
    expect(
      componentIdentity(component({ bomRef: 'x', name: 'zlib', group: 'madler', type: 'library' })),
    ).toBe('name:library/madler/zlib');
  });
});

describe('diffSbom', () => {
  it('finds added, removed, upgraded and downgraded components', () => {
    const oldDoc = sbom([npm('b', '1.0.0'), npm('a', '2.0.0'), npm('gone', '1.0.0'), npm('same', '1.0.0')]);
    const newDoc = sbom([npm('new', '0.1.0'), npm('a', '2.1.0'), npm('b', '0.9.0'), npm('same', '1.0.0')]);
    const d = diffSbom(oldDoc, newDoc);
    expect(d.added.map((c) => c.identity)).toEqual(['pkg:npm/new']);
    expect(d.removed.map((c) => c.identity)).toEqual(['pkg:npm/gone']);
    expect(d.upgraded.map((c) => [c.identity, c.old.version, c.new.version])).toEqual([
      ['pkg:npm/a', '2.0.0', '2.1.0'],
    ]);
    expect(d.downgraded.map((c) => [c.identity, c.old.version, c.new.version])).toEqual([
      ['pkg:npm/b', '1.0.0', '0.9.0'],
    ]);
    expect(d.summary).toMatchObject({
      oldComponents: 4,
      newComponents: 4,
      added: 1,
      removed: 1,
      upgraded: 1,
      downgraded: 1,
      unchanged: 1,
    });
  });

  it('sorts every list by name in natural order, case ignored, then group, then version by the version key of the Components tab (QA sbomra 12)', () => {
    const lib = (name: string, version: string | null, group: string | null = null) =>
      component({ bomRef: `${group ?? ''}/${name}@${version ?? ''}`, name, group, version, purl: null, type: 'library' });
    // Added: numbers as numbers (2 before 10), case ignored (Added-3 between added-2 and added-10),
    // then the group (none first), then the version naturally (1.9 before 1.10), a missing version last.
    const added = [lib('added-10', '1.0'), lib('added-2', '1.0'), lib('Added-3', '1.0'), lib('added-2', '1.0', '@z'), lib('added-2', '1.0', '@a'), lib('x', '1.10'), lib('x', null), lib('x', '1.9')];
    // Changed pairs: by the new component's name; upgraded ones named 2 and 10 (purls, so they pair).
    const up = (name: string, from: string, to: string) => [npm(name, from), npm(name, to)] as const;
    const pairs = [up('pkg-10', '1.0.0', '1.1.0'), up('pkg-9', '1.0.0', '1.1.0'), up('Pkg-11', '1.0.0', '2.0.0')];
    const d = diffSbom(sbom([...pairs.map((p) => p[0]), npm('gone-10', '1'), npm('gone-9', '1')]), sbom([...pairs.map((p) => p[1]), ...added]));
    expect(d.added.map((r) => `${r.group ?? ''}/${r.name}@${r.version ?? '-'}`)).toEqual([
      '/added-2@1.0',
      '@a/added-2@1.0',
      '@z/added-2@1.0',
      '/Added-3@1.0',
      '/added-10@1.0',
      '/x@1.9',
      '/x@1.10',
      '/x@-',
    ]);
    expect(d.removed.map((r) => r.name)).toEqual(['gone-9', 'gone-10']);
    expect(d.upgraded.map((c) => c.new.name)).toEqual(['pkg-9', 'pkg-10', 'Pkg-11']);
    // The input order does not matter.
    const reversed = diffSbom(sbom([npm('gone-9', '1'), npm('gone-10', '1'), ...pairs.map((p) => p[0]).reverse()]), sbom([...added].reverse().concat(pairs.map((p) => p[1]).reverse())));
    expect(JSON.stringify([reversed.added, reversed.removed, reversed.upgraded])).toBe(JSON.stringify([d.added, d.removed, d.upgraded]));
  });

  it('carries the CPE of a component named by CPE only, for the lists to show (QA secops 17)', () => {
    const libwebp = component({ bomRef: 'libwebp', name: 'libwebp', version: '1.3.1', purl: null, cpe: 'cpe:2.3:a:webmproject:libwebp:1.3.1:*:*:*:*:*:*:*' });
    const d = diffSbom(sbom([npm('a', '1.0.0')]), sbom([npm('a', '1.0.0'), libwebp]));
    expect(d.added).toEqual([expect.objectContaining({ name: 'libwebp', purl: null, cpe: 'cpe:2.3:a:webmproject:libwebp:1.3.1:*:*:*:*:*:*:*' })]);
  });

  it('does not treat a rename as an upgrade', () => {
    const d = diffSbom(sbom([npm('request', '2.88.0')]), sbom([npm('got', '11.0.0')]));
    expect(d.upgraded).toEqual([]);
    expect(d.added.map((c) => c.name)).toEqual(['got']);
    expect(d.removed.map((c) => c.name)).toEqual(['request']);
  });

  it('does not pair the same name across purl types (npm vs pypi)', () => {
    const d = diffSbom(
      sbom([npm('six', '1.0.0')]),
      sbom([component({ bomRef: 's', name: 'six', version: '1.16.0', purl: 'pkg:pypi/six@1.16.0' })]),
    );
    expect(d.summary).toMatchObject({ added: 1, removed: 1, upgraded: 0 });
  });

  it('pairs by name when a purl is added, and reports the purl change', () => {
    const before = component({ bomRef: 'z', name: 'zlib', version: '1.2.13' });
    const after = component({ bomRef: 'z', name: 'zlib', version: '1.3.1', purl: 'pkg:generic/zlib@1.3.1' });
    const d = diffSbom(sbom([before]), sbom([after]));
    expect(d.upgraded).toHaveLength(1);
    expect(d.upgraded[0]!.fieldChanges).toEqual([{ field: 'purl', old: null, new: 'pkg:generic/zlib' }]);
    expect(d.summary.purlChanges).toBe(1);
  });

  it('matches nested components wherever they sit', () => {
    const oldDoc = sbom([
      component({ bomRef: 'app', name: 'app', version: '1', components: [npm('inner', '1.0.0')] }),
    ]);
    const newDoc = sbom([component({ bomRef: 'app', name: 'app', version: '1' }), npm('inner', '1.1.0')]);
    const d = diffSbom(oldDoc, newDoc);
    expect(d.upgraded.map((c) => [c.identity, c.old.parents, c.new.parents])).toEqual([
      ['pkg:npm/inner', ['app'], []],
    ]);
    expect(d.summary).toMatchObject({ added: 0, removed: 0, unchanged: 1 });
  });

  // The old rule paired the rest in ascending version order: 2.0.0 → 3.1.0 upgraded and 3.0.0
  // removed. Closest first pairs 3.0.0 → 3.1.0 (same major) and removes 2.0.0 (ADR 0007 addendum 13).
  it('pairs duplicate identities by equal version first, then closest first', () => {
    const oldDoc = sbom([npm('dup', '1.0.0'), npm('dup', '2.0.0'), npm('dup', '3.0.0')]);
    const newDoc = sbom([npm('dup', '3.1.0'), npm('dup', '1.0.0')]);
    const d = diffSbom(oldDoc, newDoc);
    expect(d.summary).toMatchObject({ unchanged: 1, upgraded: 1, removed: 1 });
    expect(d.upgraded.map((c) => [c.old.version, c.new.version])).toEqual([['3.0.0', '3.1.0']]);
    expect(d.removed.map((c) => c.version)).toEqual(['2.0.0']);
  });

  // QA report jaui #7: juice-shop has lodash 4.17.21 and a transitive lodash 2.4.2.
  it('does not report a false downgrade when a package gains a second, older copy', () => {
    const d = diffSbom(
      sbom([npm('lodash', '4.17.15')]),
      sbom([npm('lodash', '4.17.21'), npm('lodash', '2.4.2')]),
    );
    expect(d.downgraded).toEqual([]);
    expect(d.upgraded.map((c) => [c.old.version, c.new.version])).toEqual([['4.17.15', '4.17.21']]);
    expect(d.added.map((c) => c.version)).toEqual(['2.4.2']);
    expect(d.summary).toMatchObject({ upgraded: 1, downgraded: 0, added: 1, removed: 0 });
    // Reversed: the second copy goes away, the main one goes up.
    const r = diffSbom(
      sbom([npm('lodash', '2.4.2'), npm('lodash', '4.17.15')]),
      sbom([npm('lodash', '4.17.21')]),
    );
    expect(r.upgraded.map((c) => [c.old.version, c.new.version])).toEqual([['4.17.15', '4.17.21']]);
    expect(r.removed.map((c) => c.version)).toEqual(['2.4.2']);
    expect(r.downgraded).toEqual([]);
  });

  const pairsOf = (olds: (string | null)[], news: (string | null)[]) => {
    const v = (x: string | null, i: number, side: string) =>
      component({ bomRef: `${side}${i}`, name: 'p', version: x, purl: `pkg:npm/p${x === null ? '' : `@${x}`}` });
    const d = diffSbom(sbom(olds.map((x, i) => v(x, i, 'o'))), sbom(news.map((x, i) => v(x, i, 'n'))));
    const pairs = [...d.upgraded, ...d.downgraded, ...d.versionChanged]
      .map((c) => `${c.old.version ?? '-'}→${c.new.version ?? '-'}`)
      .sort();
    return {
      pairs,
      removed: d.removed.map((c) => c.version ?? '-'),
      added: d.added.map((c) => c.version ?? '-'),
    };
  };

  it.each([
    {
      why: 'each version line pairs with its own line',
      olds: ['1.2.0', '2.3.0', '3.0.1'],
      news: ['3.0.4', '1.2.5', '2.4.0'],
      pairs: ['1.2.0→1.2.5', '2.3.0→2.4.0', '3.0.1→3.0.4'],
      removed: [],
      added: [],
    },
    {
      why: 'a line that ends is removed, a new line is added',
      olds: ['1.2.0', '2.3.0'],
      news: ['2.3.1', '5.0.0'],
      pairs: ['2.3.0→2.3.1', '1.2.0→5.0.0'].sort(),
      removed: [],
      added: [],
    },
    {
      why: 'more old than new: the closest old version is kept, the far one removed',
      olds: ['1.0.0', '4.17.15', '4.16.0'],
      news: ['4.17.21'],
      pairs: ['4.17.15→4.17.21'],
      removed: ['1.0.0', '4.16.0'],
      added: [],
    },
    {
      why: 'more new than old: the closest new version is paired, the others added',
      olds: ['2.0.0', '3.5.0'],
      news: ['1.0.0', '2.1.0', '3.6.0', '4.0.0'],
      pairs: ['2.0.0→2.1.0', '3.5.0→3.6.0'],
      removed: [],
      added: ['1.0.0', '4.0.0'],
    },
    {
      why: 'equally close: the upgrade wins over the downgrade',
      olds: ['1.5'],
      news: ['1.2', '1.8'],
      pairs: ['1.5→1.8'],
      removed: [],
      added: ['1.2'],
    },
    {
      why: 'equally close old versions: the one that goes up is paired',
      olds: ['1.2', '1.8'],
      news: ['1.5'],
      pairs: ['1.2→1.5'],
      removed: ['1.8'],
      added: [],
    },
    {
      why: 'a shared prefix is closer than a small gap higher up (1.0.0 stays on 1.0.x)',
      olds: ['1.0.0'],
      news: ['1.1.0', '1.0.5'],
      pairs: ['1.0.0→1.0.5'],
      removed: [],
      added: ['1.1.0'],
    },
    {
      why: 'numbers compare numerically (1.9 is closer to 1.10 than to 2.0)',
      olds: ['1.9.0'],
      news: ['2.0.0', '1.10.0'],
      pairs: ['1.9.0→1.10.0'],
      removed: [],
      added: ['2.0.0'],
    },
    {
      why: 'a missing numeric run counts as 0 (1.2 is closer to 1.2.0.1 than to 1.3)',
      olds: ['1.2'],
      news: ['1.3', '1.2.0.1'],
      pairs: ['1.2→1.2.0.1'],
      removed: [],
      added: ['1.3'],
    },
    {
      why: 'a missing version is the farthest',
      olds: [null, '2.0.0'],
      news: ['2.0.1'],
      pairs: ['2.0.0→2.0.1'],
      removed: ['-'],
      added: [],
    },
    {
      why: 'a word at the first difference is farther than any number at the same run',
      olds: ['2.1'],
      news: ['2.rc1', '2.9'],
      pairs: ['2.1→2.9'],
      removed: [],
      added: ['2.rc1'],
    },
  ] as { why: string; olds: (string | null)[]; news: (string | null)[]; pairs: string[]; removed: string[]; added: string[] }[])(
    'pairs duplicates closest first: $why',
    ({ olds, news, pairs, removed, added }) => {
      expect(pairsOf(olds, news)).toEqual({ pairs, removed, added });
    },
  );

  it('pairs duplicates the same way whatever the document order', () => {
    const olds = ['3.0.1', '1.2.0', '2.3.0', '2.3.0'];
    const news = ['2.4.0', '3.0.4', '1.2.5'];
    const a = pairsOf(olds, news);
    const b = pairsOf([...olds].reverse(), [...news].reverse());
    expect(a).toEqual(b);
    expect(a).toEqual({ pairs: ['1.2.0→1.2.5', '2.3.0→2.4.0', '3.0.1→3.0.4'], removed: ['2.3.0'], added: [] });
  });

  it('pairs two artefacts of one version by their whole purl, whatever their order (QA sbomra 7: keycloak jar and test-jar)', () => {
    const base = 'pkg:maven/org.keycloak.testsuite/integration-arquillian-tests-base@10.0.2';
    const jar = component({ bomRef: 'jar', name: 'integration-arquillian-tests-base', group: 'org.keycloak.testsuite', version: '10.0.2', purl: `${base}?type=jar`, hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] });
    const testJar = component({ ...jar, bomRef: 'tests', purl: `${base}?classifier=tests&type=test-jar`, hashes: [{ alg: 'SHA-256', content: 'b'.repeat(64) }] });
    const d = diffSbom(sbom([jar, testJar]), sbom([testJar, jar]));
    expect(d.modified).toEqual([]);
    expect(d.summary.unchanged).toBe(2);
    // Without an equal purl, equal versions still pair in document order.
    const other = component({ ...testJar, purl: `${base}?type=pom` });
    expect(diffSbom(sbom([jar, testJar]), sbom([other, jar])).modified.map((c) => c.new.purl)).toEqual([`${base}?type=pom`]);
  });

  it('pairs an identity past the candidate budget in ascending version order, others still closest first', () => {
    // Crafted input only: n old and n + 1 new versions of one package weigh more pairs than the budget.
    const n = Math.ceil(Math.sqrt(MAX_PAIRING_CANDIDATES));
    expect(n * (n + 1)).toBeGreaterThan(MAX_PAIRING_CANDIDATES);
    const olds = Array.from({ length: n }, (_, i) => npm('big', `${i + 1}.0.0`));
    const news = [npm('big', '0.1'), ...Array.from({ length: n }, (_, i) => npm('big', `${i + 1}.0.1`))];
    const d = diffSbom(
      sbom([...olds, npm('lodash', '4.17.15')]),
      sbom([...news, npm('lodash', '4.17.21'), npm('lodash', '2.4.2')]),
    );
    // Ascending order: 1.0.0 → 0.1, 2.0.0 → 1.0.1, … (all down), the highest new one added.
    expect(d.downgraded.filter((c) => c.old.name === 'big')).toHaveLength(n);
    expect(d.added.map((c) => `${c.name}@${c.version}`)).toEqual([`big@${n}.0.1`, 'lodash@2.4.2']);
    expect(d.upgraded.map((c) => `${c.new.name}@${c.old.version}→${c.new.version}`)).toEqual([
      'lodash@4.17.15→4.17.21',
    ]);
  });

  it('keeps equal versions paired first, even when another version is closer', () => {
    expect(pairsOf(['1.0.0', '1.0.1'], ['1.0.1', '9.0.0'])).toEqual({
      pairs: ['1.0.0→9.0.0'],
      removed: [],
      added: [],
    });
  });

  it('reports license, supplier, support, hash and qualifier changes for the same version', () => {
    const before = npm('x', '1.0.0', {
      licenses: [{ expression: 'MIT', name: null, acknowledgement: null }],
      supplier: { name: 'Old Co', url: [], contact: [] },
      supportLevel: 'actively maintained',
      endOfSupport: '2027-01-01',
      hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
    });
    const after = npm('x', '1.0.0', {
      purl: 'pkg:npm/x@1.0.0?repository_url=https://mirror.example',
      licenses: [{ expression: 'Apache-2.0', name: null, acknowledgement: null }],
      supplier: { name: 'New Co', url: [], contact: [] },
      supportLevel: 'no longer maintained',
      endOfSupport: '2026-01-01',
      hashes: [{ alg: 'SHA-256', content: 'b'.repeat(64) }],
    });
    const d = diffSbom(sbom([before]), sbom([after]));
    expect(d.modified).toHaveLength(1);
    expect(d.modified[0]!.versionChange).toBe('unchanged');
    expect(d.modified[0]!.fieldChanges.map((f) => f.field)).toEqual([
      'licenses',
      'supplier',
      'supportLevel',
      'endOfSupport',
      'hashes',
      'purl',
    ]);
    expect(d.summary).toMatchObject({
      licenseChanges: 1,
      supplierChanges: 1,
      supportChanges: 2,
      hashChanges: 1,
      purlChanges: 1,
    });
  });

  it('does not report a purl change for a plain upgrade', () => {
    const d = diffSbom(sbom([npm('x', '1.0.0')]), sbom([npm('x', '1.0.1')]));
    expect(d.upgraded[0]!.fieldChanges).toEqual([]);
  });

  it('marks incomparable version changes as changed', () => {
    const d = diffSbom(sbom([npm('x', '1.0.0')]), sbom([npm('x', '1.0.0-rc1')]));
    expect(d.versionChanged.map((c) => c.versionChange)).toEqual(['changed']);
  });

  it('is deterministic regardless of input order', () => {
    const list = [npm('c', '1.0.0'), npm('a', '1.0.0'), npm('b', '1.0.0')];
    const a = diffSbom(sbom([]), sbom(list));
    const b = diffSbom(sbom([]), sbom([...list].reverse()));
    expect(a.added.map((x) => x.identity)).toEqual(['pkg:npm/a', 'pkg:npm/b', 'pkg:npm/c']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('licences: a list and the AND of the same licences are the same licences', () => {
  const lic = (
    expression: string | null,
    acknowledgement: 'declared' | 'concluded' | null = null,
    name: string | null = null,
  ) => ({ expression, name, acknowledgement });
  const licenceChanges = (before: Component['licenses'], after: Component['licenses']) => {
    const d = diffSbom(sbom([npm('x', '1.0.0', { licenses: before })]), sbom([npm('x', '1.0.0', { licenses: after })]));
    expect(d.summary.licenseChanges).toBe(d.modified.length);
    return d.modified.flatMap((c) => c.fieldChanges).filter((f) => f.field === 'licenses');
  };

  it.each([
    ['MIT, Apache-2.0 and MIT AND Apache-2.0 (an SPDX export read back)', [lic('MIT'), lic('Apache-2.0')], [lic('MIT AND Apache-2.0', 'declared')]],
    ['in any order', [lic('MIT'), lic('Apache-2.0')], [lic('Apache-2.0 AND MIT')]],
    ['a compound licence in parentheses', [lic('MIT OR BSD-3-Clause'), lic('Apache-2.0')], [lic('Apache-2.0 AND (MIT OR BSD-3-Clause)')]],
    ['nested ANDs and the lower-case operator', [lic('MIT'), lic('Apache-2.0'), lic('Zlib')], [lic('(MIT and Zlib) AND (Apache-2.0)')]],
    ['an exception', [lic('GPL-2.0-only WITH Classpath-exception-2.0'), lic('EPL-2.0')], [lic('EPL-2.0 AND GPL-2.0-only WITH Classpath-exception-2.0')]],
    ['ids not on the list (well-formed)', [lic('Proprietary'), lic('MIT')], [lic('MIT AND Proprietary')]],
    ['concluded licences', [lic('MIT', 'concluded'), lic('Apache-2.0', 'concluded')], [lic('Apache-2.0 AND MIT', 'concluded')]],
    ['one expression split differently', [lic('MIT AND Apache-2.0'), lic('Zlib')], [lic('MIT'), lic('Apache-2.0 AND Zlib')]],
  ] as [string, Component['licenses'], Component['licenses']][])('no change: %s', (_, before, after) => {
    expect(licenceChanges(before, after)).toEqual([]);
    expect(licenceChanges(after, before)).toEqual([]);
  });

  it.each([
    ['OR instead of AND', [lic('MIT'), lic('Apache-2.0')], [lic('MIT OR Apache-2.0')], 'Apache-2.0, MIT', 'MIT OR Apache-2.0'],
    ['AND then OR (OR binds loosest)', [lic('MIT'), lic('Apache-2.0')], [lic('MIT AND Apache-2.0 OR Zlib')], 'Apache-2.0, MIT', 'MIT AND Apache-2.0 OR Zlib'],
    ['a licence more', [lic('MIT'), lic('Apache-2.0')], [lic('MIT AND Apache-2.0 AND Zlib')], 'Apache-2.0, MIT', 'MIT AND Apache-2.0 AND Zlib'],
    ['another licence', [lic('MIT'), lic('Apache-2.0')], [lic('MIT AND BSD-3-Clause')], 'Apache-2.0, MIT', 'MIT AND BSD-3-Clause'],
    ['declared against concluded', [lic('MIT'), lic('Apache-2.0')], [lic('MIT AND Apache-2.0', 'concluded')], 'Apache-2.0, MIT', 'MIT AND Apache-2.0 (concluded)'],
    ['a name is not an expression', [lic('MIT'), lic('Apache-2.0')], [lic(null, null, 'MIT AND Apache-2.0')], 'Apache-2.0, MIT', 'MIT AND Apache-2.0'],
    ['parentheses that change the meaning', [lic('MIT OR Apache-2.0'), lic('Zlib')], [lic('MIT OR Apache-2.0 AND Zlib')], 'MIT OR Apache-2.0, Zlib', 'MIT OR Apache-2.0 AND Zlib'],
    ['text that is not an expression', [lic('Terms'), lic('Conditions')], [lic('Terms AND Conditions!')], 'Conditions, Terms', 'Terms AND Conditions!'],
  ] as [string, Component['licenses'], Component['licenses'], string, string][])(
    'a change: %s',
    (_, before, after, oldText, newText) => {
      // Shown as stated, not as compared.
      expect(licenceChanges(before, after)).toEqual([{ field: 'licenses', old: oldText, new: newText }]);
    },
  );
});

describe('the primary component (metadata.component)', () => {
  const firmware = (version: string, extra: Partial<Component> = {}) =>
    component({ bomRef: 'device', type: 'firmware', name: 'device-x', version, ...extra });

  it('reports its version change on its own, not in the lists', () => {
    const d = diffSbom(
      sbom([npm('a', '1.0.0')], firmware('2.1')),
      sbom([npm('a', '1.0.0')], firmware('2.2')),
    );
    expect(d.primary).toEqual({
      change: 'changed',
      old: {
        identity: 'name:firmware//device-x',
        bomRef: 'device',
        name: 'device-x',
        group: null,
        version: '2.1',
        purl: null,
        cpe: null,
        parents: [],
      },
      new: {
        identity: 'name:firmware//device-x',
        bomRef: 'device',
        name: 'device-x',
        group: null,
        version: '2.2',
        purl: null,
        cpe: null,
        parents: [],
      },
      versionChange: 'upgraded',
      renamed: false,
      fieldChanges: [],
    });
    expect([d.upgraded, d.added, d.removed]).toEqual([[], [], []]);
    // The inventory counts the primary component; the change counts are the listed components'.
    expect(d.summary).toMatchObject({ oldComponents: 2, newComponents: 2, upgraded: 0, unchanged: 1 });
  });

  it('reports supplier, licence and support changes of the same version', () => {
    const d = diffSbom(
      sbom([], firmware('2.1', { supplier: { name: 'Old Co', url: [], contact: [] } })),
      sbom(
        [],
        firmware('2.1', {
          supplier: { name: 'New Co', url: [], contact: [] },
          licenses: [{ expression: null, name: 'Proprietary', acknowledgement: null }],
          endOfSupport: '2031-03-31',
        }),
      ),
    );
    expect(d.primary).toMatchObject({ change: 'changed', versionChange: 'unchanged', renamed: false });
    expect(d.primary!.fieldChanges).toEqual([
      { field: 'licenses', old: null, new: 'Proprietary' },
      { field: 'supplier', old: 'Old Co', new: 'New Co' },
      { field: 'endOfSupport', old: null, new: '2031-03-31' },
    ]);
    expect(d.summary).toMatchObject({
      modified: 0,
      licenseChanges: 0,
      supplierChanges: 0,
      supportChanges: 0,
    });
  });

  it('is one changed primary component when its name changes but its purl (its identity) stays, not one removed and one added', () => {
    const purl = (v: string) => `pkg:generic/acme/device-x@${v}`;
    const d = diffSbom(
      sbom([], firmware('2.1', { purl: purl('2.1') })),
      sbom([], firmware('3.0', { name: 'Device X', purl: purl('3.0') })),
    );
    expect(d.primary).toMatchObject({
      change: 'changed',
      renamed: true,
      versionChange: 'upgraded',
      old: { name: 'device-x', version: '2.1' },
      new: { name: 'Device X', version: '3.0' },
    });
    expect([d.added, d.removed]).toEqual([[], []]);
    // Without purls, the same name and group is the same product whatever its type.
    const retyped = diffSbom(sbom([], firmware('2.1')), sbom([], firmware('2.2', { type: 'device' })));
    expect(retyped.primary).toMatchObject({ change: 'changed', versionChange: 'upgraded', renamed: false });
  });

  it('is replaced, with no version order, when its identity changes; both primary components take part in the lists (QA hospital M3)', () => {
    // 1.0.0 describes the npm application; 2.0.0 describes a firmware image that now holds it.
    const app = npm('juice-shop', '14.1.1', { type: 'application' });
    const pump = component({ bomRef: 'fw', type: 'firmware', name: 'pump-firmware', version: '2.0.0', purl: 'pkg:generic/acme/pump-firmware@2.0.0' });
    const d = diffSbom(
      sbom([npm('lodash', '4.17.20')], app),
      sbom([npm('lodash', '4.17.21')], { ...pump, components: [npm('juice-shop', '14.1.1', { type: 'application', bomRef: 'app-in-fw' })] }),
    );
    expect(d.primary).toMatchObject({
      change: 'replaced',
      versionChange: null,
      renamed: true,
      fieldChanges: [],
      old: { name: 'juice-shop', version: '14.1.1' },
      new: { name: 'pump-firmware', version: '2.0.0' },
    });
    // The old application, found again inside the firmware, is unchanged; the firmware is added.
    expect(d.added.map((r) => [r.name, r.version, r.parents])).toEqual([['pump-firmware', '2.0.0', []]]);
    expect(d.removed).toEqual([]);
    expect(d.downgraded).toEqual([]);
    expect(d.upgraded.map((c) => c.identity)).toEqual(['pkg:npm/lodash']);
    expect(d.summary).toMatchObject({ oldComponents: 2, newComponents: 3, added: 1, removed: 0, upgraded: 1, downgraded: 0, unchanged: 1 });

    // Another product without purls: another name is another product, not a downgrade.
    const renamed = diffSbom(sbom([], firmware('3.0')), sbom([], firmware('2.1', { name: 'device-y' })));
    expect(renamed.primary).toMatchObject({ change: 'replaced', versionChange: null, renamed: true });
    expect([renamed.added.map((r) => r.name), renamed.removed.map((r) => r.name), renamed.downgraded]).toEqual([['device-y'], ['device-x'], []]);
    // Two purls of different types with the same name: two products.
    const other = diffSbom(sbom([], npm('pump', '2.0.0')), sbom([], component({ bomRef: 'p', name: 'pump', version: '1.0.0', purl: 'pkg:pypi/pump@1.0.0' })));
    expect(other.primary).toMatchObject({ change: 'replaced', versionChange: null, renamed: false });
  });

  it('says unchanged, added or removed, and null when neither document has one', () => {
    expect(diffSbom(sbom([], firmware('2.1')), sbom([], firmware('2.1'))).primary).toMatchObject({
      change: 'unchanged',
      versionChange: 'unchanged',
      fieldChanges: [],
    });
    const added = diffSbom(sbom([npm('a', '1.0.0')]), sbom([npm('a', '1.0.0')], firmware('2.2'))).primary;
    expect(added).toMatchObject({
      change: 'added',
      old: null,
      new: { name: 'device-x' },
      versionChange: null,
    });
    const removed = diffSbom(sbom([], firmware('2.1')), sbom([])).primary;
    expect(removed).toMatchObject({
      change: 'removed',
      old: { version: '2.1' },
      new: null,
      versionChange: null,
    });
    expect(diffSbom(sbom([npm('a', '1.0.0')]), sbom([npm('a', '1.0.0')])).primary).toBeNull();
  });

  it('compares the components nested in it as ordinary components', () => {
    const oldDoc = sbom(
      [npm('a', '1.0.0')],
      firmware('2.1', { components: [npm('inner', '1.0.0'), npm('gone', '1.0.0')] }),
    );
    const newDoc = sbom(
      [npm('a', '1.0.0'), npm('gone', '1.0.0')],
      firmware('2.2', { components: [npm('inner', '1.1.0')] }),
    );
    const d = diffSbom(oldDoc, newDoc);
    expect(d.upgraded.map((c) => [c.identity, c.old.parents, c.new.parents])).toEqual([
      ['pkg:npm/inner', ['device'], ['device']],
    ]);
    // Moved out of the primary component to the list: the same component.
    expect(d.summary).toMatchObject({
      oldComponents: 4,
      newComponents: 4,
      added: 0,
      removed: 0,
      unchanged: 2,
    });
    expect(d.primary).toMatchObject({ change: 'changed', versionChange: 'upgraded' });
  });
});
