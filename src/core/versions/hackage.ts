/**
 * Haskell package versions (Hackage, GHC): the Package Versioning Policy (https://pvp.haskell.org/),
 * a sequence of non-negative integers separated by `.`, ordered lexicographically as lists
 * (`Data.Version` / Cabal `Version` `Ord`): `1.0 < 1.0.0 < 1.0.1 < 1.1`.
 */
import { basicProblem, invalid, parsed, type ParseResult, type VersionScheme } from './scheme.js';
import { compareNumberSequences } from './cran.js';

export interface HackageVersion {
  readonly original: string;
  readonly numbers: readonly string[];
}

export const hackage: VersionScheme<HackageVersion> = {
  name: 'pvp',
  source: 'https://pvp.haskell.org/; Cabal Distribution.Types.Version (Ord)',
  parse(version: string): ParseResult<HackageVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('pvp', version, problem);
    if (!/^[0-9]+(?:\.[0-9]+)*$/.test(version)) return invalid('pvp', version, 'a PVP version is numbers separated by "."');
    return parsed({ original: version, numbers: version.split('.') });
  },
  compare: (a, b) => compareNumberSequences(a.numbers, b.numbers),
};
