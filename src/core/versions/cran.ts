/**
 * R package versions (CRAN, Bioconductor): a sequence of at least one non-negative integer separated
 * by `.` or `-` (R `package_version`, "Writing R Extensions" §1.1.1 "The DESCRIPTION file"), ordered
 * as `compareVersion()` / `numeric_version` comparison: numbers in turn, a longer sequence greater
 * when all shared numbers are equal (`0.1.0 < 0.1.0.0`, `0.01 = 0.1`).
 */
import { basicProblem, compareDigits, invalid, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface CranVersion {
  readonly original: string;
  readonly numbers: readonly string[];
}

export function compareNumberSequences(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const cran: VersionScheme<CranVersion> = {
  name: 'cran',
  source: 'R base package_version / compareVersion; Writing R Extensions §1.1.1',
  parse(version: string): ParseResult<CranVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('cran', version, problem);
    const s = version.trim();
    if (!/^[0-9]+(?:[.-][0-9]+)*$/.test(s)) return invalid('cran', version, 'an R version is numbers separated by "." or "-"');
    return parsed({ original: version, numbers: s.split(/[.-]/) });
  },
  compare: (a, b) => compareNumberSequences(a.numbers, b.numbers),
};
