/**
 * RubyGems versions, ordered as `Gem::Version#<=>` (rubygems lib/rubygems/version.rb;
 * https://guides.rubygems.org/patterns/#prerelease-gems).
 *
 * The version is stripped, `-` becomes `.pre.`, and it is split into segments: runs of digits
 * (numbers) and runs of letters (strings). Trailing zero numbers are dropped from the release part
 * and from the pre-release part (everything from the first string on). Segments are compared in
 * turn, the shorter list padded with 0: numbers numerically, strings in byte order, a string below
 * a number (so `1.0.a` < `1.0`).
 *
 * `Gem::Version.correct?` rejects some strings OSV still orders (e.g. `1beta`); those are accepted
 * when they start with a digit and contain only letters, digits, `.` and `-`, and flagged.
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface RubyGemsVersion {
  readonly original: string;
  readonly segments: readonly string[];
  /** Whether `Gem::Version.correct?` accepts the string. */
  readonly correct: boolean;
}

const correctPattern = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;
const lenientPattern = /^\s*[0-9][0-9A-Za-z.-]*\s*$/;

function dropTrailingZeros(segments: string[]): string[] {
  let n = segments.length;
  while (n > 0 && isDigits(segments[n - 1]!) && /^0+$/.test(segments[n - 1]!)) n--;
  return segments.slice(0, n);
}

function canonicalSegments(version: string): string[] {
  const text = version.trim().replace(/-/g, '.pre.');
  const segments = text.match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstString = segments.findIndex((s) => !isDigits(s));
  const numeric = firstString === -1 ? segments : segments.slice(0, firstString);
  const rest = firstString === -1 ? [] : segments.slice(firstString);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(rest)];
}

export const rubygems: VersionScheme<RubyGemsVersion> = {
  name: 'rubygems',
  source: 'rubygems lib/rubygems/version.rb (Gem::Version#<=>, canonical_segments)',
  parse(version: string): ParseResult<RubyGemsVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('rubygems', version, problem);
    const correct = correctPattern.test(version) && version.trim() !== '';
    if (!correct && !lenientPattern.test(version))
      return invalid('rubygems', version, 'not a RubyGems version (digits, letters, "." and "-", starting with a digit)');
    return parsed({ original: version, segments: canonicalSegments(version), correct });
  },
  compare(a, b): Ordering {
    const n = Math.max(a.segments.length, b.segments.length);
    for (let i = 0; i < n; i++) {
      const x = a.segments[i] ?? '0';
      const y = b.segments[i] ?? '0';
      const xn = isDigits(x);
      const yn = isDigits(y);
      if (xn && yn) {
        const c = compareDigits(x, y);
        if (c !== 0) return c;
      } else if (!xn && !yn) {
        const c = compareText(x, y);
        if (c !== 0) return c;
      } else return xn ? 1 : -1;
    }
    return 0;
  },
};
