/**
 * Package URLs for the packages lockfiles pin (https://github.com/package-url/purl-spec).
 * `packageurl-js` validates the components and applies each type's normalisation (npm and PyPI
 * names lower-cased, PyPI `_` → `-`, …). Its serialisation disagrees with the purl-spec test suite
 * (tests/types/*-test.json) in two ways that matter here: it leaves `+` unencoded in versions
 * (deb `1:2.4.47-2+b1` must be `1:2.4.47-2%2Bb1`) and encodes `:` in qualifier values
 * (`repository_url=https:%2F%2F…` is canonical). So the string is written here: every character
 * except `A–Z a–z 0–9 . - _ ~ :` is percent-encoded as UTF-8 with upper-case hex, qualifiers are
 * sorted by key and empty ones dropped. The builder is tested against the suite's build cases for
 * every type mamori emits (purl.test.ts).
 */
import { PackageURL } from 'packageurl-js';

export type PurlType = 'npm' | 'pypi' | 'cargo' | 'golang' | 'gem' | 'composer' | 'nuget' | 'pub' | 'hex' | 'maven' | 'deb' | 'apk';

export interface PurlParts {
  readonly type: PurlType;
  readonly namespace?: string | null;
  readonly name: string;
  readonly version?: string | null;
  readonly qualifiers?: Readonly<Record<string, string | null | undefined>> | null;
  readonly subpath?: string | null;
}

const keep = /[A-Za-z0-9.\-_~:]/;

function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (keep.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function segments(value: string): string {
  return value
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(encode)
    .join('/');
}

/** The canonical purl string, or null when the parts do not form a valid purl of that type. */
export function buildPurl(parts: PurlParts): string | null {
  const qualifiers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.qualifiers ?? {})) if (v !== null && v !== undefined && v !== '') qualifiers[k.toLowerCase()] = v;
  let p: PackageURL;
  try {
    p = new PackageURL(
      parts.type,
      parts.namespace ?? undefined,
      parts.name,
      parts.version ?? undefined,
      Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
      parts.subpath ?? undefined,
    );
  } catch {
    return null;
  }
  let out = `pkg:${p.type}/`;
  if (p.namespace) out += `${segments(p.namespace)}/`;
  out += encode(p.name);
  if (p.version) out += `@${encode(p.version)}`;
  const q = p.qualifiers ? Object.entries(p.qualifiers as Record<string, string>).filter(([, v]) => v !== '') : [];
  if (q.length > 0) {
    q.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out += `?${q.map(([k, v]) => `${k}=${encode(v)}`).join('&')}`;
  }
  if (p.subpath) {
    const sub = segments(p.subpath);
    if (sub !== '') out += `#${sub}`;
  }
  return out;
}
