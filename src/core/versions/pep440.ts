/**
 * Python package versions, PEP 440 (https://peps.python.org/pep-0440/, now the PyPA "Version
 * specifiers" specification), ordered like `packaging.version.Version`.
 *
 * `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]` with the spec's normalisations (case, `alpha`→a,
 * `beta`→b, `c`/`pre`/`preview`→rc, `rev`/`r`→post, implicit numbers, `-N` post-releases, `_`/`-`/`.`
 * separators, a leading `v`, surrounding whitespace). Order: epoch; release (trailing zeros do not
 * count); dev-only versions before pre-releases; pre-release (a < b < rc), none after any; post,
 * none before any; dev, none after any; local (absent first; numeric segments above text ones).
 *
 * Strings that are not PEP 440 are "legacy versions", ordered as packaging < 22 `LegacyVersion`
 * (setuptools' `parse_version`) did and as OSV still does: before every PEP 440 version, compared
 * by their setuptools parts. packaging ≥ 22 rejects them.
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface Pep440Version {
  readonly original: string;
  /** null for a PEP 440 version; the setuptools parts of a legacy version otherwise. */
  readonly legacy: readonly string[] | null;
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: { readonly label: 'a' | 'b' | 'rc'; readonly number: string } | null;
  readonly post: string | null;
  readonly dev: string | null;
  readonly local: readonly string[] | null;
}

// PEP 440 Appendix B, VERSION_PATTERN (case-insensitive, anchored, surrounding whitespace allowed).
const pattern =
  /^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?([-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

const preLabels: Record<string, 'a' | 'b' | 'rc'> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/** setuptools / packaging < 22 `_parse_version_parts` + `_legacy_cmpkey`. */
function legacyParts(version: string): string[] {
  const replace: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };
  const parts: string[] = [];
  const raw = version.toLowerCase().split(/([0-9]+|[a-z]+|\.|-)/);
  const items: string[] = [];
  for (let part of raw) {
    part = replace[part] ?? part;
    if (!part || part === '.') continue;
    items.push(/^[0-9]/.test(part) ? part.padStart(8, '0') : `*${part}`);
  }
  items.push('*final');
  for (const part of items) {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.length > 0 && parts[parts.length - 1] === '*final-') parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareOptional(a: string | null, b: string | null, absent: -1 | 1): Ordering {
  if (a === null || b === null) return a === b ? 0 : a === null ? absent : absent === 1 ? -1 : 1;
  return compareDigits(a, b);
}

function comparePre(a: Pep440Version, b: Pep440Version): Ordering {
  // packaging _cmpkey: a dev release without pre/post sorts before any pre-release (-Infinity);
  // no pre-release at all sorts after (+Infinity).
  const key = (v: Pep440Version) => (v.pre ? 0 : v.post === null && v.dev !== null ? -1 : 1);
  const ka = key(a);
  const kb = key(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (!a.pre || !b.pre) return 0;
  return compareText(a.pre.label, b.pre.label) || compareDigits(a.pre.number, b.pre.number);
}

function compareLocal(a: readonly string[] | null, b: readonly string[] | null): Ordering {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : !xn && !yn ? compareText(x, y) : xn ? 1 : -1;
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const pep440: VersionScheme<Pep440Version> = {
  name: 'pep440',
  source: 'https://packaging.python.org/en/latest/specifications/version-specifiers/ (PEP 440); packaging.version',
  parse(version: string): ParseResult<Pep440Version> {
    const problem = basicProblem(version);
    if (problem) return invalid('pep440', version, problem);
    const m = pattern.exec(version);
    if (!m) {
      if (version.trim() === '') return invalid('pep440', version, 'the version is blank');
      return parsed({ original: version, legacy: legacyParts(version), epoch: '0', release: [], pre: null, post: null, dev: null, local: null });
    }
    const release = m[2]!.split('.');
    while (release.length > 1 && /^0+$/.test(release[release.length - 1]!)) release.pop();
    return parsed({
      original: version,
      legacy: null,
      epoch: m[1] ?? '0',
      release,
      pre: m[4] ? { label: preLabels[m[4].toLowerCase()]!, number: m[5] ?? '0' } : null,
      post: m[7] ?? (m[8] ? (m[9] ?? '0') : null),
      dev: m[11] ? (m[12] ?? '0') : null,
      local: m[13] ? m[13].toLowerCase().split(/[-_.]/) : null,
    });
  },
  compare(a, b) {
    if (a.legacy || b.legacy) {
      if (!a.legacy || !b.legacy) return a.legacy ? -1 : 1;
      const n = Math.min(a.legacy.length, b.legacy.length);
      for (let i = 0; i < n; i++) {
        const c = compareText(a.legacy[i]!, b.legacy[i]!);
        if (c !== 0) return c;
      }
      return a.legacy.length === b.legacy.length ? 0 : a.legacy.length < b.legacy.length ? -1 : 1;
    }
    const release = (() => {
      const n = Math.max(a.release.length, b.release.length);
      for (let i = 0; i < n; i++) {
        const c = compareDigits(a.release[i] ?? '0', b.release[i] ?? '0');
        if (c !== 0) return c;
      }
      return 0;
    })();
    return (
      compareDigits(a.epoch, b.epoch) ||
      release ||
      comparePre(a, b) ||
      compareOptional(a.post, b.post, -1) ||
      compareOptional(a.dev, b.dev, 1) ||
      compareLocal(a.local, b.local)
    );
  },
  outsideGrammar(v) {
    return v.legacy ? 'it is not a PEP 440 version; matching orders it as a legacy version, before every PEP 440 version, as OSV does' : null;
  },
};
