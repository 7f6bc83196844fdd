import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogEntry } from './catalog.js';
import type { CoverageGap, Crosswalk } from './crosswalk.js';
import { checkAll, checkCatalog, checkCrosswalk, checkGaps, type IntegrityCode } from './integrity.js';

const entry = (id: string, parent: string | null, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  parent,
  kind: 'clause',
  title: { ja: `見出し${id}`, en: `Title ${id}` },
  description: { ja: `説明${id}`, en: `Description ${id}` },
  expectedEvidence: ['process_document'],
  provenance: 'verified',
  sourceNote: 'fixture',
  level: 'product',
  ...extra,
});

const catalog = (entries: CatalogEntry[], extra: Partial<Catalog> = {}): Catalog => ({
  id: 'fixture',
  version: '1',
  title: { ja: '試験用カタログ', en: 'Fixture catalog' },
  publisher: 'test',
  kind: 'standard',
  sourceNote: 'fixture',
  entries,
  ...extra,
});

const good = catalog([
  entry('1', null, { expectedEvidence: [] }),
  entry('1.1', '1'),
  entry('1.2', '1'),
  entry('2', null),
]);
const other = catalog([entry('A', null), entry('B', null)], { id: 'other' });

const codes = (problems: readonly { code: IntegrityCode }[]) => problems.map((p) => p.code).sort();

describe('checkCatalog', () => {
  it('accepts a well-formed catalog', () => {
    expect(checkCatalog(good)).toEqual([]);
  });

  it('reports duplicate ids', () => {
    const p = checkCatalog(catalog([entry('1', null), entry('1', null)]));
    expect(codes(p)).toEqual(['entry.duplicate_id']);
    expect(p[0]!.at).toBe('1');
  });

  it('reports missing parents', () => {
    const p = checkCatalog(catalog([entry('1', null), entry('1.1', '9')]));
    expect(codes(p)).toEqual(['entry.missing_parent']);
    expect(p[0]!.message).toContain('9');
  });

  it('reports a parent cycle once, and a self-parent as a cycle', () => {
    const cyc = checkCatalog(
      catalog([entry('a', 'c'), entry('b', 'a'), entry('c', 'b'), entry('root', null)]),
    );
    expect(codes(cyc).filter((c) => c === 'entry.cycle')).toHaveLength(1);
    const self = checkCatalog(catalog([entry('x', 'x')]));
    expect(codes(self)).toContain('entry.cycle');
  });

  it('reports a child listed before its parent', () => {
    expect(codes(checkCatalog(catalog([entry('1.1', '1'), entry('1', null)])))).toEqual([
      'entry.parent_after_child',
    ]);
  });

  it('requires both languages in titles and descriptions, and Japanese in ja', () => {
    const p = checkCatalog(
      catalog([
        entry('1', null, { title: { ja: '', en: 'Title' } }),
        entry('2', null, { description: { ja: '説明', en: '   ' } }),
        entry('3', null, { title: { ja: 'English only', en: 'English only' } }),
      ]),
    );
    expect(codes(p)).toEqual(['text.empty', 'text.empty', 'text.not_japanese']);
    expect(codes(checkCatalog(catalog([entry('1', null)], { title: { ja: 'カタログ', en: '' } })))).toEqual([
      'text.empty',
    ]);
  });

  it('requires evidence on leaves but not on headings', () => {
    expect(codes(checkCatalog(catalog([entry('1', null, { expectedEvidence: [] })])))).toEqual([
      'entry.no_evidence',
    ]);
    expect(checkCatalog(catalog([entry('1', null, { expectedEvidence: [] }), entry('1.1', '1')]))).toEqual(
      [],
    );
    expect(codes(checkCatalog(catalog([entry('1', null, { expectedEvidence: ['sbom', 'sbom'] })])))).toEqual([
      'entry.duplicate_evidence',
    ]);
  });

  it('rejects values outside the closed enums (data loaded from JSON is not type-checked)', () => {
    const bad = entry('1', null, {
      expectedEvidence: ['telepathy' as never],
      kind: 'chapter' as never,
      provenance: 'rumour' as never,
      level: 'galaxy' as never,
    });
    const p = checkCatalog(catalog([bad], { kind: 'novel' as never }));
    expect(codes(p)).toEqual([
      'catalog.invalid_field',
      'entry.invalid_field',
      'entry.invalid_field',
      'entry.invalid_field',
      'entry.invalid_field',
    ]);
  });

  it('rejects ids with spaces or an empty source note', () => {
    expect(codes(checkCatalog(catalog([entry('a b', null)])))).toEqual(['entry.invalid_id']);
    expect(codes(checkCatalog(catalog([entry('1', null, { sourceNote: ' ' })])))).toEqual([
      'entry.invalid_field',
    ]);
  });
});

const crosswalk = (links: Crosswalk['links']): Crosswalk => ({
  id: 'cw',
  version: '1',
  title: { ja: '対応表', en: 'Crosswalk' },
  provenance: 'interpretation',
  sourceNote: 'fixture',
  links,
});
const rationale = { ja: '理由', en: 'Reason' };

describe('checkCrosswalk', () => {
  it('accepts links between existing entries', () => {
    const cw = crosswalk([
      {
        from: { catalog: 'fixture@1', entry: '1.1' },
        to: { catalog: 'other@1', entry: 'A' },
        relation: 'subset',
        rationale,
      },
    ]);
    expect(checkCrosswalk(cw, [good, other])).toEqual([]);
  });

  it('reports unknown catalogs and entries at either end', () => {
    const cw = crosswalk([
      {
        from: { catalog: 'nope@1', entry: '1' },
        to: { catalog: 'other@1', entry: 'A' },
        relation: 'equal',
        rationale,
      },
      {
        from: { catalog: 'fixture@1', entry: '1.1' },
        to: { catalog: 'other@1', entry: 'Z' },
        relation: 'equal',
        rationale,
      },
      {
        from: { catalog: 'fixture@2', entry: '1.1' },
        to: { catalog: 'other@1', entry: 'A' },
        relation: 'equal',
        rationale,
      },
    ]);
    expect(codes(checkCrosswalk(cw, [good, other]))).toEqual([
      'crosswalk.unknown_catalog',
      'crosswalk.unknown_catalog',
      'crosswalk.unknown_entry',
    ]);
  });

  it('reports self links, duplicates (in either direction), bad relations and missing rationale', () => {
    const a = { catalog: 'fixture@1', entry: '1.1' };
    const b = { catalog: 'other@1', entry: 'A' };
    const cw = crosswalk([
      { from: a, to: a, relation: 'equal', rationale },
      { from: a, to: b, relation: 'subset', rationale },
      { from: b, to: a, relation: 'superset', rationale },
      {
        from: b,
        to: { catalog: 'other@1', entry: 'B' },
        relation: 'overlaps' as never,
        rationale: { ja: '理由', en: '' },
      },
    ]);
    expect(codes(checkCrosswalk(cw, [good, other]))).toEqual([
      'crosswalk.duplicate_link',
      'crosswalk.invalid_relation',
      'crosswalk.self_link',
      'text.empty',
    ]);
  });
});

describe('checkGaps and checkAll', () => {
  const gap = (id: string, entries: CoverageGap['entries']): CoverageGap => ({
    id,
    onlyIn: 'mhlw',
    title: { ja: '差分', en: 'Gap' },
    explanation: { ja: '説明', en: 'Explanation' },
    entries,
    provenance: 'interpretation',
    sourceNote: 'fixture',
  });

  it('reports gaps naming unknown entries, empty gaps and duplicate ids', () => {
    const p = checkGaps(
      [
        gap('g1', [{ catalog: 'fixture@1', entry: '1.1' }]),
        gap('g1', [{ catalog: 'fixture@1', entry: '7' }]),
        gap('g2', []),
      ],
      [good],
    );
    expect(codes(p)).toEqual(['gap.duplicate', 'gap.unknown_entry', 'gap.unknown_entry']);
  });

  it('reports the same catalog or crosswalk listed twice', () => {
    const cw = crosswalk([]);
    expect(codes(checkAll([good, good], [cw, cw]))).toEqual(['catalog.duplicate', 'crosswalk.duplicate']);
    expect(checkAll([good, other], [cw])).toEqual([]);
  });
});
