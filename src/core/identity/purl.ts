/**
 * Package URL (purl): parse, build and format, per the purl specification (ECMA-427 /
 * package-url/purl-spec `PURL-SPECIFICATION.rst`) and the per-type definitions
 * (`types/<type>-definition.json`).
 *
 * Parsing follows the spec's "How to parse a purl string in its components": split `#` subpath from
 * the right, `?` qualifiers from the right, `pkg:` scheme from the left (leading `/` after it are
 * ignored), the type up to the first `/`, `@` version from the right, the name from the right on
 * `/`, and the rest is the namespace. Each part is percent-decoded.
 *
 * Canonical form (`formatPurl`): type lower-case; namespace segments, name, version, qualifier
 * values and subpath segments percent-encoded (everything except `A-Z a-z 0-9 . - _ ~` and `:`);
 * qualifiers with lower-case keys, sorted by key, empty values dropped; subpath without empty, `.`
 * and `..` segments. Type-specific normalisation (lower-casing where a type definition says
 * `case_sensitive: false`, PyPI `_` → `-`) and validation (prohibited/required namespace, required
 * qualifiers, permitted characters) come from the type definitions; types without a definition are
 * kept as given.
 *
 * Untrusted input: at most `maxPurlLength` characters; failures are values with a reason.
 */

export interface PackageUrl {
  readonly type: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly version: string | null;
  /** Lower-case keys; values never empty. `null` when there are none. */
  readonly qualifiers: Readonly<Record<string, string>> | null;
  readonly subpath: string | null;
}

/** The components of a purl as a caller gives them to `buildPurl` (not yet normalised). */
export interface PurlComponents {
  readonly type: string | null | undefined;
  readonly namespace?: string | null | undefined;
  readonly name: string | null | undefined;
  readonly version?: string | null | undefined;
  readonly qualifiers?: Readonly<Record<string, string | null | undefined>> | null | undefined;
  readonly subpath?: string | null | undefined;
}

export type PurlResult = { readonly ok: true; readonly purl: PackageUrl } | { readonly ok: false; readonly reason: string };

/** Longest purl string accepted. */
export const maxPurlLength = 4096;

type Requirement = 'required' | 'prohibited' | 'optional';

interface TypeRule {
  readonly namespace: Requirement;
  readonly lowerNamespace?: boolean;
  readonly lowerName?: boolean;
  readonly lowerVersion?: boolean;
  readonly requiredQualifiers?: readonly string[];
  /** Extra normalisation of the name (after lower-casing). */
  readonly normalizeName?: (name: string, qualifiers: ReadonlyMap<string, string>) => string;
  /** The name is a path: the namespace is only the first segment (git: host, then repository path). */
  readonly namespaceIsFirstSegment?: boolean;
  /** Extra validation; returns a reason or null. */
  readonly check?: (purl: PackageUrl) => string | null;
}

/** Type rules from purl-spec `types/*-definition.json` (namespace requirement, case sensitivity). */
const typeRules: Readonly<Record<string, TypeRule>> = {
  alpm: { namespace: 'required', lowerNamespace: true, lowerName: true },
  apk: { namespace: 'required', lowerNamespace: true, lowerName: true },
  bazel: { namespace: 'prohibited' },
  bitbucket: { namespace: 'required', lowerNamespace: true, lowerName: true },
  bitnami: { namespace: 'prohibited', lowerName: true },
  brew: { namespace: 'optional', lowerNamespace: true, lowerName: true },
  cargo: { namespace: 'prohibited' },
  'chrome-extension': {
    namespace: 'prohibited',
    lowerName: true,
    check: (p) =>
      !/^[a-p]{32}$/.test(p.name)
        ? 'a chrome-extension name is 32 characters in the range a-p'
        : p.version !== null && !/^\d+(\.\d+){0,3}$/.test(p.version)
          ? 'a chrome-extension version has one to four numeric segments'
          : null,
  },
  cocoapods: { namespace: 'prohibited', check: (p) => (/[\s+]/.test(p.name) || p.name.startsWith('.') ? 'a cocoapods name cannot contain whitespace or "+" or begin with "."' : null) },
  composer: { namespace: 'required', lowerNamespace: true, lowerName: true },
  conan: {
    namespace: 'optional',
    check: (p) =>
      p.namespace === null && p.qualifiers?.['channel'] !== undefined
        ? 'conan requires a namespace when a "channel" qualifier is present'
        : null,
  },
  conda: { namespace: 'prohibited' },
  cpan: { namespace: 'optional', check: (p) => (p.name.includes('::') ? 'a cpan distribution name cannot contain "::"' : null) },
  cran: { namespace: 'prohibited' },
  deb: { namespace: 'required', lowerNamespace: true, lowerName: true },
  gem: { namespace: 'prohibited' },
  // git: the type definition says case-sensitive, but the type's test suite lower-cases both.
  git: { namespace: 'required', lowerNamespace: true, lowerName: true, namespaceIsFirstSegment: true },
  github: { namespace: 'required', lowerNamespace: true, lowerName: true },
  // The definition requires a namespace (the module path's host). The Go standard library has none:
  // syft, osv-scanner and Trivy write it `pkg:golang/stdlib`, which mamori's own generator writes too,
  // so that name alone is accepted without one (the type's test suite has no case that says otherwise).
  golang: {
    namespace: 'optional',
    check: (p) => (p.namespace === null && p.name !== 'stdlib' ? 'a golang purl requires a namespace (only the standard library, pkg:golang/stdlib, has none)' : null),
  },
  hackage: { namespace: 'prohibited' },
  hex: { namespace: 'optional', lowerNamespace: true, lowerName: true },
  huggingface: { namespace: 'required', lowerVersion: true },
  julia: { namespace: 'prohibited', requiredQualifiers: ['uuid'] },
  luarocks: { namespace: 'optional', lowerNamespace: true, lowerName: true },
  maven: { namespace: 'required' },
  // mlflow: case-insensitive (lower-cased) on Databricks, kept as-is elsewhere (type definition note).
  mlflow: { namespace: 'prohibited', normalizeName: (n, q) => (/\bazuredatabricks\.net\b|\bdatabricks\b/i.test(q.get('repository_url') ?? '') ? n.toLowerCase() : n) },
  nuget: { namespace: 'prohibited' },
  oci: { namespace: 'prohibited', lowerName: true, lowerVersion: true },
  opam: { namespace: 'prohibited' },
  otp: { namespace: 'prohibited', lowerName: true },
  pub: { namespace: 'prohibited', lowerName: true, check: (p) => (/^[a-z0-9_]+$/.test(p.name) ? null : 'a pub name has only the characters [a-z0-9_]') },
  pypi: { namespace: 'prohibited', lowerName: true, lowerVersion: true, normalizeName: (n) => n.replace(/_/g, '-') },
  qpkg: { namespace: 'required', lowerNamespace: true },
  rpm: { namespace: 'required', lowerNamespace: true },
  swid: { namespace: 'optional', requiredQualifiers: ['tag_id'] },
  swift: { namespace: 'required' },
  vcpkg: { namespace: 'prohibited' },
  'vscode-extension': { namespace: 'required', lowerNamespace: true, lowerName: true, lowerVersion: true },
  yocto: { namespace: 'optional', lowerNamespace: true },
};

/** The purl types with a definition in purl-spec (`purl-types-index.json`). */
export const knownPurlTypes: readonly string[] = Object.keys(typeRules).concat(['docker', 'generic']).sort();

function fail(reason: string): PurlResult {
  return { ok: false, reason };
}

function decode(part: string, what: string): string | { error: string } {
  try {
    return decodeURIComponent(part);
  } catch {
    return { error: `the ${what} is not valid percent-encoding` };
  }
}

const unreserved = /[A-Za-z0-9.\-_~:]/;

/** Percent-encodes everything except unreserved characters and `:` (UTF-8 bytes, upper-case hex). */
export function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (unreserved.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

const typePattern = /^[A-Za-z.+-][A-Za-z0-9.+-]*$/;
const qualifierKeyPattern = /^[A-Za-z.\-_][A-Za-z0-9.\-_]*$/;

function cleanSegments(path: string, dropDots: boolean): string[] {
  return path.split('/').filter((s) => s !== '' && !(dropDots && (s === '.' || s === '..')));
}

/** Applies type rules and checks a purl's components; every builder and parser ends here. */
function finish(raw: {
  type: string;
  namespace: string | null;
  name: string | null;
  version: string | null;
  qualifiers: [string, string][];
  subpath: string | null;
}): PurlResult {
  const type = raw.type.toLowerCase();
  if (type === '') return fail('a type is required');
  if (!typePattern.test(type)) return fail(`the type "${raw.type}" must be ASCII letters, digits, ".", "+" or "-" and not start with a digit`);
  const rule = typeRules[type];
  let namespace = raw.namespace === null ? null : cleanSegments(raw.namespace, false).join('/');
  if (namespace === '') namespace = null;
  let name = raw.name;
  if (name === null || name === '') return fail('a name is required');
  let version = raw.version === '' ? null : raw.version;
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (const [k, v] of raw.qualifiers) {
    if (!qualifierKeyPattern.test(k)) return fail(`the qualifier key "${k}" must be ASCII letters, digits, ".", "-" or "_" and not start with a digit`);
    const key = k.toLowerCase();
    if (seen.has(key)) return fail(`the qualifier "${key}" is given twice`);
    seen.add(key);
    if (v !== '') pairs.push([key, v]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let subpath = raw.subpath === null ? null : cleanSegments(raw.subpath, true).join('/');
  if (subpath === '') subpath = null;

  if (rule) {
    if (rule.namespace === 'required' && namespace === null) return fail(`a ${type} purl requires a namespace`);
    if (rule.namespace === 'prohibited' && namespace !== null) return fail(`a ${type} purl must not have a namespace`);
    if (rule.lowerNamespace && namespace !== null) namespace = namespace.toLowerCase();
    if (rule.lowerName) name = name.toLowerCase();
    if (rule.normalizeName) name = rule.normalizeName(name, new Map(pairs));
    if (rule.namespaceIsFirstSegment && namespace !== null && namespace.includes('/')) {
      const cut = namespace.indexOf('/');
      name = `${namespace.slice(cut + 1)}/${name}`;
      namespace = namespace.slice(0, cut);
    }
    if (rule.lowerVersion && version !== null) version = version.toLowerCase();
    for (const q of rule.requiredQualifiers ?? []) if (!seen.has(q)) return fail(`a ${type} purl requires the qualifier "${q}"`);
  }
  const purl: PackageUrl = {
    type,
    namespace,
    name,
    version,
    qualifiers: pairs.length === 0 ? null : Object.fromEntries(pairs),
    subpath,
  };
  const problem = rule?.check?.(purl) ?? null;
  if (problem) return fail(problem);
  return { ok: true, purl };
}

/** Parses a purl string into its normalised components. */
export function parsePurl(text: string): PurlResult {
  if (typeof text !== 'string') return fail('a purl is a string');
  if (text.length > maxPurlLength) return fail(`a purl is at most ${maxPurlLength} characters`);
  let rest = text.trim();
  let subpath: string | null = null;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    const segments: string[] = [];
    for (const seg of cleanSegments(rest.slice(hash + 1), false)) {
      const d = decode(seg, 'subpath');
      if (typeof d !== 'string') return fail(d.error);
      if (d === '.' || d === '..') continue;
      if (d.includes('/')) return fail('a subpath segment cannot contain "/"');
      segments.push(d);
    }
    subpath = segments.join('/');
    rest = rest.slice(0, hash);
  }
  const qualifiers: [string, string][] = [];
  const question = rest.indexOf('?');
  if (question !== -1) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) return fail(`the qualifier "${pair}" has no key=value form`);
      const value = decode(pair.slice(eq + 1), 'qualifier value');
      if (typeof value !== 'string') return fail(value.error);
      qualifiers.push([pair.slice(0, eq), value]);
    }
    rest = rest.slice(0, question);
  }
  const colon = rest.indexOf(':');
  if (colon === -1 || rest.slice(0, colon).toLowerCase() !== 'pkg') return fail('a purl starts with the scheme "pkg:"');
  rest = rest.slice(colon + 1).replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  if (slash === -1) return fail(rest === '' ? 'a type is required' : 'a name is required');
  const type = rest.slice(0, slash);
  if (!typePattern.test(type)) return fail(`the type "${type}" must be ASCII letters, digits, ".", "+" or "-" and not start with a digit`);
  rest = rest.slice(slash + 1).replace(/\/+$/, '');
  let version: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at !== -1 && at > 0 && rest[at - 1] !== '/') {
    const v = decode(rest.slice(at + 1), 'version');
    if (typeof v !== 'string') return fail(v.error);
    version = v;
    rest = rest.slice(0, at);
  } else if (at === 0 || (at > 0 && rest[at - 1] === '/')) {
    // `pkg:type/@1.0` or `pkg:type/ns/@1.0`: an empty name before the version.
    if (rest.indexOf('/', at) === -1) return fail('a name is required');
  }
  const lastSlash = rest.lastIndexOf('/');
  const rawName = lastSlash === -1 ? rest : rest.slice(lastSlash + 1);
  const name = decode(rawName, 'name');
  if (typeof name !== 'string') return fail(name.error);
  let namespace: string | null = null;
  if (lastSlash !== -1) {
    const segments: string[] = [];
    for (const seg of cleanSegments(rest.slice(0, lastSlash), false)) {
      const d = decode(seg, 'namespace');
      if (typeof d !== 'string') return fail(d.error);
      if (d.includes('/')) return fail('a namespace segment cannot contain "/"');
      segments.push(d);
    }
    namespace = segments.join('/');
  }
  return finish({ type, namespace, name, version, qualifiers, subpath });
}

/** Builds a normalised purl from components (the purl-spec "build" operation). */
export function buildPurl(components: PurlComponents): PurlResult {
  if (components.type === null || components.type === undefined) return fail('a type is required');
  const qualifiers: [string, string][] = [];
  for (const [k, v] of Object.entries(components.qualifiers ?? {})) if (v !== null && v !== undefined) qualifiers.push([k, v]);
  return finish({
    type: components.type,
    namespace: components.namespace ?? null,
    name: components.name ?? null,
    version: components.version ?? null,
    qualifiers,
    subpath: components.subpath ?? null,
  });
}

/** The canonical string of a purl. */
export function formatPurl(purl: PackageUrl): string {
  let s = `pkg:${purl.type}/`;
  if (purl.namespace !== null) s += purl.namespace.split('/').map(percentEncode).join('/') + '/';
  s += typeRules[purl.type]?.namespaceIsFirstSegment ? purl.name.split('/').map(percentEncode).join('/') : percentEncode(purl.name);
  if (purl.version !== null) s += `@${percentEncode(purl.version)}`;
  if (purl.qualifiers !== null) {
    s += '?' + Object.keys(purl.qualifiers)
      .sort()
      .map((k) => `${k}=${percentEncode(purl.qualifiers![k]!)}`)
      .join('&');
  }
  if (purl.subpath !== null) s += '#' + purl.subpath.split('/').map(percentEncode).join('/');
  return s;
}

/** Parses and re-formats: the canonical form of a purl string. */
export function canonicalPurl(text: string): { readonly ok: true; readonly purl: string } | { readonly ok: false; readonly reason: string } {
  const r = parsePurl(text);
  return r.ok ? { ok: true, purl: formatPurl(r.purl) } : r;
}
