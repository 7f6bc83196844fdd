/**
 * Integrity checks for catalog and crosswalk data. Pure: data in, a list of problems out (empty when
 * everything holds). The shipped catalogs are tested against these checks; an editor of catalog data
 * can run them before release.
 */
import {
  catalogKey,
  entryKinds,
  entryLevels,
  evidenceKinds,
  provenances,
  catalogKinds,
  type Catalog,
  type Localized,
} from './catalog.js';
import { refKey, relations, type CoverageGap, type Crosswalk } from './crosswalk.js';

export const integrityCodes = [
  'catalog.duplicate',
  'catalog.invalid_field',
  'catalog.empty_text',
  'entry.invalid_id',
  'entry.duplicate_id',
  'entry.missing_parent',
  'entry.cycle',
  'entry.parent_after_child',
  'entry.invalid_field',
  'entry.no_evidence',
  'entry.duplicate_evidence',
  'text.empty',
  'text.not_japanese',
  'crosswalk.duplicate',
  'crosswalk.invalid_relation',
  'crosswalk.unknown_catalog',
  'crosswalk.unknown_entry',
  'crosswalk.self_link',
  'crosswalk.duplicate_link',
  'gap.unknown_entry',
  'gap.duplicate',
] as const;
export type IntegrityCode = (typeof integrityCodes)[number];

export interface IntegrityProblem {
  readonly code: IntegrityCode;
  /** `catalog id@version`, crosswalk id or gap id. */
  readonly where: string;
  /** Entry id, link index (`links[3]`) or field path. */
  readonly at: string | null;
  readonly message: string;
}

/** Entry ids: letters, digits and `.`, `-`, `_`, `(`, `)`; starting with a letter or digit. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._()-]*$/;
/** At least one kana or CJK ideograph. */
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;

function checkText(
  problems: IntegrityProblem[],
  where: string,
  at: string,
  field: string,
  text: Localized | undefined,
): void {
  const ja = typeof text?.ja === 'string' ? text.ja.trim() : '';
  const en = typeof text?.en === 'string' ? text.en.trim() : '';
  if (!ja) problems.push({ code: 'text.empty', where, at, message: `${field}.ja is empty` });
  else if (!japanese.test(ja))
    problems.push({ code: 'text.not_japanese', where, at, message: `${field}.ja contains no Japanese text` });
  if (!en) problems.push({ code: 'text.empty', where, at, message: `${field}.en is empty` });
}

const has = (list: readonly string[], value: unknown) => typeof value === 'string' && list.includes(value);

/** Checks one catalog: ids, parents, cycles, order, closed enums and both languages. */
export function checkCatalog(catalog: Catalog): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const where = catalogKey(catalog);
  if (!catalog.id || !idPattern.test(catalog.id) || !catalog.version)
    problems.push({
      code: 'catalog.invalid_field',
      where,
      at: 'id',
      message: 'catalog id and version must be non-empty',
    });
  if (!has(catalogKinds, catalog.kind))
    problems.push({
      code: 'catalog.invalid_field',
      where,
      at: 'kind',
      message: `unknown catalog kind ${String(catalog.kind)}`,
    });
  if (!catalog.publisher?.trim() || !catalog.sourceNote?.trim())
    problems.push({
      code: 'catalog.empty_text',
      where,
      at: null,
      message: 'publisher and sourceNote must be non-empty',
    });
  checkText(problems, where, 'catalog', 'title', catalog.title);

  const byId = new Map<string, number>();
  catalog.entries.forEach((e, index) => {
    if (!idPattern.test(e.id))
      problems.push({
        code: 'entry.invalid_id',
        where,
        at: e.id,
        message: `entry id "${e.id}" is not a valid id`,
      });
    if (byId.has(e.id))
      problems.push({
        code: 'entry.duplicate_id',
        where,
        at: e.id,
        message: `entry id ${e.id} is used more than once`,
      });
    else byId.set(e.id, index);
  });

  const parents = new Set(catalog.entries.map((e) => e.parent));
  catalog.entries.forEach((e, index) => {
    if (e.parent !== null) {
      const parentIndex = byId.get(e.parent);
      if (parentIndex === undefined)
        problems.push({
          code: 'entry.missing_parent',
          where,
          at: e.id,
          message: `parent ${e.parent} does not exist`,
        });
      else if (parentIndex > index && e.parent !== e.id)
        problems.push({
          code: 'entry.parent_after_child',
          where,
          at: e.id,
          message: `parent ${e.parent} is listed after its child`,
        });
    }
    if (!has(entryKinds, e.kind))
      problems.push({
        code: 'entry.invalid_field',
        where,
        at: e.id,
        message: `unknown entry kind ${String(e.kind)}`,
      });
    if (!has(entryLevels, e.level))
      problems.push({
        code: 'entry.invalid_field',
        where,
        at: e.id,
        message: `unknown level ${String(e.level)}`,
      });
    if (!has(provenances, e.provenance))
      problems.push({
        code: 'entry.invalid_field',
        where,
        at: e.id,
        message: `unknown provenance ${String(e.provenance)}`,
      });
    if (!e.sourceNote?.trim())
      problems.push({ code: 'entry.invalid_field', where, at: e.id, message: 'sourceNote is empty' });
    if (!Array.isArray(e.expectedEvidence))
      problems.push({
        code: 'entry.invalid_field',
        where,
        at: e.id,
        message: 'expectedEvidence must be a list',
      });
    else if (e.expectedEvidence.length === 0) {
      // Headings (entries with children) may leave evidence to their children; leaves may not.
      if (!parents.has(e.id))
        problems.push({
          code: 'entry.no_evidence',
          where,
          at: e.id,
          message: 'a leaf entry must expect some evidence',
        });
    } else {
      for (const k of e.expectedEvidence)
        if (!has(evidenceKinds, k))
          problems.push({
            code: 'entry.invalid_field',
            where,
            at: e.id,
            message: `unknown evidence kind ${String(k)}`,
          });
      if (new Set(e.expectedEvidence).size !== e.expectedEvidence.length)
        problems.push({
          code: 'entry.duplicate_evidence',
          where,
          at: e.id,
          message: 'expectedEvidence lists a kind twice',
        });
    }
    checkText(problems, where, e.id, 'title', e.title);
    checkText(problems, where, e.id, 'description', e.description);
  });

  // Cycles: follow parents from every entry; report each cycle once, at its smallest id.
  const parentOf = new Map(catalog.entries.map((e) => [e.id, e.parent]));
  const reported = new Set<string>();
  for (const e of catalog.entries) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = e.id;
    while (current !== null && parentOf.has(current) && !onPath.has(current)) {
      onPath.add(current);
      path.push(current);
      current = parentOf.get(current) ?? null;
    }
    if (current !== null && onPath.has(current)) {
      const cycle = path.slice(path.indexOf(current));
      const first = [...cycle].sort()[0]!;
      if (!reported.has(first)) {
        reported.add(first);
        problems.push({
          code: 'entry.cycle',
          where,
          at: first,
          message: `parent cycle: ${cycle.join(' → ')} → ${current}`,
        });
      }
    }
  }
  return problems;
}

/** Checks crosswalks against the catalogs they reference. */
export function checkCrosswalk(crosswalk: Crosswalk, catalogs: readonly Catalog[]): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const where = crosswalk.id;
  const index = new Map(catalogs.map((c) => [catalogKey(c), new Set(c.entries.map((e) => e.id))]));
  checkText(problems, where, 'crosswalk', 'title', crosswalk.title);
  if (!has(provenances, crosswalk.provenance))
    problems.push({ code: 'catalog.invalid_field', where, at: 'provenance', message: 'unknown provenance' });
  const seen = new Set<string>();
  crosswalk.links.forEach((link, i) => {
    const at = `links[${i}]`;
    for (const end of [link.from, link.to]) {
      const entries = index.get(end.catalog);
      if (!entries)
        problems.push({
          code: 'crosswalk.unknown_catalog',
          where,
          at,
          message: `unknown catalog ${end.catalog}`,
        });
      else if (!entries.has(end.entry))
        problems.push({
          code: 'crosswalk.unknown_entry',
          where,
          at,
          message: `no entry ${end.entry} in ${end.catalog}`,
        });
    }
    if (!has(relations, link.relation))
      problems.push({
        code: 'crosswalk.invalid_relation',
        where,
        at,
        message: `unknown relation ${String(link.relation)}`,
      });
    if (link.provenance !== undefined && !has(provenances, link.provenance))
      problems.push({ code: 'catalog.invalid_field', where, at, message: 'unknown provenance' });
    if (refKey(link.from) === refKey(link.to))
      problems.push({
        code: 'crosswalk.self_link',
        where,
        at,
        message: 'a link must join two different entries',
      });
    const pair = [refKey(link.from), refKey(link.to)].sort().join(' ↔ ');
    if (seen.has(pair))
      problems.push({ code: 'crosswalk.duplicate_link', where, at, message: `duplicate link ${pair}` });
    seen.add(pair);
    checkText(problems, where, at, 'rationale', link.rationale);
  });
  return problems;
}

/** Checks curated gap explanations: each names existing entries and has both languages. */
export function checkGaps(gaps: readonly CoverageGap[], catalogs: readonly Catalog[]): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const index = new Map(catalogs.map((c) => [catalogKey(c), new Set(c.entries.map((e) => e.id))]));
  const ids = new Set<string>();
  for (const gap of gaps) {
    if (ids.has(gap.id))
      problems.push({ code: 'gap.duplicate', where: gap.id, at: null, message: 'duplicate gap id' });
    ids.add(gap.id);
    checkText(problems, gap.id, 'gap', 'title', gap.title);
    checkText(problems, gap.id, 'gap', 'explanation', gap.explanation);
    if (gap.entries.length === 0)
      problems.push({
        code: 'gap.unknown_entry',
        where: gap.id,
        at: null,
        message: 'a gap must name at least one entry',
      });
    for (const ref of gap.entries)
      if (!index.get(ref.catalog)?.has(ref.entry))
        problems.push({
          code: 'gap.unknown_entry',
          where: gap.id,
          at: refKey(ref),
          message: `no entry ${refKey(ref)}`,
        });
  }
  return problems;
}

/** Every check over a set of catalogs, crosswalks and gaps, including duplicate catalog keys. */
export function checkAll(
  catalogs: readonly Catalog[],
  crosswalks: readonly Crosswalk[],
  gaps: readonly CoverageGap[] = [],
): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const keys = new Set<string>();
  for (const c of catalogs) {
    const key = catalogKey(c);
    if (keys.has(key))
      problems.push({ code: 'catalog.duplicate', where: key, at: null, message: 'catalog listed twice' });
    keys.add(key);
    problems.push(...checkCatalog(c));
  }
  const cwIds = new Set<string>();
  for (const cw of crosswalks) {
    if (cwIds.has(cw.id))
      problems.push({
        code: 'crosswalk.duplicate',
        where: cw.id,
        at: null,
        message: 'crosswalk listed twice',
      });
    cwIds.add(cw.id);
    problems.push(...checkCrosswalk(cw, catalogs));
  }
  problems.push(...checkGaps(gaps, catalogs));
  return problems;
}
