import { describe, expect, it } from 'vitest';
import {
  ancestorIds,
  catalogTree,
  compareVersions,
  leafEntries,
  parseCatalogRef,
  resolveCatalog,
  type Catalog,
  type CatalogEntry,
} from './catalog.js';
import {
  coverage,
  inverseRelation,
  linksOf,
  uncoveredEntries,
  type Crosswalk,
  type Relation,
} from './crosswalk.js';

const entry = (id: string, parent: string | null): CatalogEntry => ({
  id,
  parent,
  kind: 'item',
  title: { ja: `項目${id}`, en: `Item ${id}` },
  description: { ja: '説明', en: 'Description' },
  expectedEvidence: ['other'],
  provenance: 'verified',
  sourceNote: 'fixture',
  level: 'product',
});
const catalog = (id: string, version: string, entries: CatalogEntry[]): Catalog => ({
  id,
  version,
  title: { ja: '試験', en: 'Fixture' },
  publisher: 'test',
  kind: 'guidance',
  sourceNote: 'fixture',
  entries,
});

// jp: 1 { 1.1, 1.2 }, 2      iec: 4 { 4.1, 4.2 }, 5
const jp = catalog('jp', '1', [entry('1', null), entry('1.1', '1'), entry('1.2', '1'), entry('2', null)]);
const iec = catalog('iec', '1', [entry('4', null), entry('4.1', '4'), entry('4.2', '4'), entry('5', null)]);
const link = (from: string, to: string, relation: Relation) => ({
  from: { catalog: 'jp@1', entry: from },
  to: { catalog: 'iec@1', entry: to },
  relation,
  rationale: { ja: '理由', en: 'why' },
});
const cw = (links: ReturnType<typeof link>[]): Crosswalk => ({
  id: 'cw',
  version: '1',
  title: { ja: '対応', en: 'cw' },
  provenance: 'interpretation',
  sourceNote: 'fixture',
  links,
});
const ids = (entries: CatalogEntry[]) => entries.map((e) => e.id);

describe('coverage', () => {
  it('subset covers the from side only; superset covers the to side only', () => {
    const walk = [cw([link('1.1', '4.1', 'subset'), link('2', '5', 'superset')])];
    expect(ids(uncoveredEntries(jp, walk, ['iec@1']))).toEqual(['1.2', '2']);
    expect(ids(uncoveredEntries(iec, walk, ['jp@1']))).toEqual(['4.1', '4.2']);
  });

  it('equal covers both sides; intersect covers neither but is reported as partial', () => {
    const walk = [cw([link('1.1', '4.1', 'equal'), link('1.2', '4.2', 'intersect')])];
    expect(ids(uncoveredEntries(jp, walk, ['iec@1']))).toEqual(['1.2', '2']);
    expect(ids(uncoveredEntries(iec, walk, ['jp@1']))).toEqual(['4.2', '5']);
    const c = coverage(jp, walk, ['iec@1']).find((x) => x.entry.id === '1.2')!;
    expect(c.coveredBy).toEqual([]);
    expect(c.partly.map((l) => l.other.entry)).toEqual(['4.2']);
  });

  it('a link on an ancestor covers every leaf below it', () => {
    const walk = [cw([link('1', '5', 'subset'), link('2', '4', 'superset')])];
    expect(ids(uncoveredEntries(jp, walk, ['iec@1']))).toEqual(['2']);
    expect(ids(uncoveredEntries(iec, walk, ['jp@1']))).toEqual(['5']);
  });

  it('ignores links to catalogs outside `against`', () => {
    const walk = [cw([link('1.1', '4.1', 'equal')])];
    expect(ids(uncoveredEntries(jp, walk, ['elsewhere@1']))).toEqual(['1.1', '1.2', '2']);
  });

  it('orients links from either end and inverts the relation', () => {
    const walk = [cw([link('1.1', '4.1', 'subset')])];
    expect(linksOf('iec@1', walk).map((l) => [l.self.entry, l.relation, l.other.entry])).toEqual([
      ['4.1', 'superset', '1.1'],
    ]);
    expect(inverseRelation('equal')).toBe('equal');
    expect(inverseRelation('intersect')).toBe('intersect');
    expect(inverseRelation('superset')).toBe('subset');
  });
});

describe('catalog helpers', () => {
  it('walks the tree depth-first with depths, keeping declared sibling order', () => {
    const c = catalog('t', '1', [
      entry('b', null),
      entry('a', null),
      entry('a.2', 'a'),
      entry('b.1', 'b'),
      entry('a.1', 'a'),
    ]);
    expect(catalogTree(c).map((r) => `${r.depth}:${r.entry.id}`)).toEqual([
      '0:b',
      '1:b.1',
      '0:a',
      '1:a.2',
      '1:a.1',
    ]);
  });

  it('keeps entries with broken parents in the tree walk', () => {
    const c = catalog('t', '1', [entry('a', null), entry('x', 'missing'), entry('p', 'q'), entry('q', 'p')]);
    expect(
      catalogTree(c)
        .map((r) => r.entry.id)
        .sort(),
    ).toEqual(['a', 'p', 'q', 'x']);
    expect(ancestorIds(c, 'p')).toEqual(['q']);
  });

  it('lists leaves and ancestors', () => {
    expect(ids(leafEntries(jp))).toEqual(['1.1', '1.2', '2']);
    expect(ancestorIds(jp, '1.2')).toEqual(['1']);
    expect(ancestorIds(jp, '1')).toEqual([]);
  });

  it('resolves id@version or the latest version of a bare id', () => {
    const v1 = catalog('x', '2023-05-23', []);
    const v2 = catalog('x', '2024-01-15', []);
    const v10 = catalog('y', '10', []);
    const v9 = catalog('y', '9', []);
    expect(resolveCatalog([v1, v2], 'x')).toBe(v2);
    expect(resolveCatalog([v1, v2], 'x@2023-05-23')).toBe(v1);
    expect(resolveCatalog([v10, v9], 'y')).toBe(v10);
    expect(resolveCatalog([v1], 'x@1999')).toBeUndefined();
    expect(parseCatalogRef('a@b')).toEqual({ id: 'a', version: 'b' });
    expect(parseCatalogRef('a')).toEqual({ id: 'a', version: null });
    expect(compareVersions('rev1-2020-07', 'rev1-2020-07')).toBe(0);
  });
});
