/**
 * opam package versions: "version ordering follows the Debian definition" over the whole string
 * (opam manual, "Version ordering", https://opam.ocaml.org/doc/Manual.html#Version-ordering;
 * OpamVersionCompare). No epoch or revision is split off: `-` and `:` are ordinary characters.
 */
import { verrevcmp } from './debian.js';
import { basicProblem, invalid, parsed, type ParseResult, type VersionScheme } from './scheme.js';

export interface OpamVersion {
  readonly original: string;
}

export const opam: VersionScheme<OpamVersion> = {
  name: 'opam',
  source: 'https://opam.ocaml.org/doc/Manual.html#Version-ordering (Debian verrevcmp on the whole version)',
  parse(version: string): ParseResult<OpamVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('opam', version, problem);
    if (/\s/.test(version)) return invalid('opam', version, 'the version contains whitespace');
    return parsed({ original: version });
  },
  compare: (a, b) => verrevcmp(a.original, b.original),
};
