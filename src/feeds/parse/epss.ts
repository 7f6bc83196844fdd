/**
 * FIRST EPSS daily scores CSV (reference §4.6):
 *   #model_version:v2025.03.14,score_date:2025-12-26T12:55:00Z
 *   cve,epss,percentile
 *   CVE-1999-0001,0.01151,0.7802
 * Line-oriented so a caller can stream a decompressed file (`.csv.gz` is gunzipped by the caller,
 * e.g. node:zlib + readline in src/feeds). Values may be in scientific notation (`7e-05`).
 */
import type { ParsedFeed, ParseReject } from './parsed-feed.js';

export interface EpssScore {
  readonly cve: string;
  /** Probability of exploitation activity in the next 30 days, 0–1. */
  readonly epss: number;
  readonly percentile: number;
}

export interface EpssMeta {
  readonly modelVersion?: string;
  readonly scoreDate?: string;
}

const cvePattern = /^CVE-\d{4}-\d{4,}$/;
const maxLineLength = 1024;

/** Stateful line parser: feed lines in order; `line()` returns a score or undefined. */
export class EpssLineParser {
  readonly meta: { modelVersion?: string; scoreDate?: string } = {};
  readonly rejects: ParseReject[] = [];
  rejectCount = 0;
  private index = -1;
  private header: string[] | undefined;
  private readonly maxRejectsKept: number;

  constructor(options: { maxRejectsKept?: number } = {}) {
    this.maxRejectsKept = options.maxRejectsKept ?? 1000;
  }

  private reject(reason: string, id?: string): undefined {
    this.rejectCount++;
    if (this.rejects.length < this.maxRejectsKept) this.rejects.push({ index: this.index, ...(id !== undefined ? { id } : {}), reason });
    return undefined;
  }

  line(raw: string): EpssScore | undefined {
    this.index++;
    const text = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (text.trim() === '') return undefined;
    if (text.length > maxLineLength) return this.reject(`line longer than ${maxLineLength} characters`);
    if (text.startsWith('#')) {
      for (const part of text.slice(1).split(',')) {
        const at = part.indexOf(':');
        if (at < 0) continue;
        const key = part.slice(0, at).trim();
        const value = part.slice(at + 1).trim();
        if (key === 'model_version') this.meta.modelVersion = value;
        else if (key === 'score_date') this.meta.scoreDate = value;
      }
      return undefined;
    }
    const cells = text.split(',').map((c) => c.trim());
    if (this.header === undefined) {
      if (!cells.includes('cve') || !cells.includes('epss') || !cells.includes('percentile')) {
        this.header = ['cve', 'epss', 'percentile'];
        if (!cvePattern.test(cells[0] ?? '')) return this.reject('expected the header cve,epss,percentile');
      } else {
        this.header = cells;
        return undefined;
      }
    }
    const get = (name: string) => cells[this.header?.indexOf(name) ?? -1];
    const cve = get('cve') ?? '';
    if (!cvePattern.test(cve)) return this.reject('cve is not CVE-YYYY-NNNN…', cve || undefined);
    const epss = Number(get('epss'));
    const percentile = Number(get('percentile'));
    if (get('epss') === '' || !Number.isFinite(epss) || epss < 0 || epss > 1) return this.reject('epss is not a number in 0..1', cve);
    if (get('percentile') === '' || !Number.isFinite(percentile) || percentile < 0 || percentile > 1) {
      return this.reject('percentile is not a number in 0..1', cve);
    }
    return { cve, epss, percentile };
  }
}

/** Whole-text convenience over EpssLineParser (for small files and tests). */
export function parseEpssCsv(text: string, limits: { maxRecords?: number } = {}): ParsedFeed<EpssScore, EpssMeta> {
  const parser = new EpssLineParser();
  const records: EpssScore[] = [];
  const maxRecords = limits.maxRecords ?? 1_000_000;
  for (const line of text.split('\n')) {
    const r = parser.line(line);
    if (r) {
      if (records.length >= maxRecords) return { meta: parser.meta, records, rejects: parser.rejects, documentError: `more than ${maxRecords} rows` };
      records.push(r);
    }
  }
  return { meta: { ...parser.meta }, records, rejects: parser.rejects };
}

/** Streams scores from an async source of lines (e.g. readline over a gunzip stream). */
export async function* parseEpssLines(lines: AsyncIterable<string>, parser = new EpssLineParser()): AsyncGenerator<EpssScore> {
  for await (const line of lines) {
    const r = parser.line(line);
    if (r) yield r;
  }
}
