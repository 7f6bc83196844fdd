/**
 * A small, dependency-free syntax check for package URLs, following the purl specification
 * (github.com/package-url/purl-spec, PURL-SPECIFICATION.rst): `pkg:type/namespace/name@version?qualifiers#subpath`.
 * It checks the shape only (scheme, type characters, a non-empty name, qualifier keys and values,
 * percent-escapes, no raw whitespace); it does not apply per-type rules except that `maven`
 * needs a namespace (the groupId). Returns null when the purl is well-formed, otherwise a short
 * problem code.
 */
/** Longest purl the check accepts. */
export const purlMaxLength = 4096;
const typePattern = /^[A-Za-z.+-][A-Za-z0-9.+-]*$/;
const qualifierKeyPattern = /^[A-Za-z.\-_][A-Za-z0-9.\-_]*$/;
const badEscape = /%(?![0-9A-Fa-f]{2})/;

function hasWhitespaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0xa0 || code === 0x3000) return true;
  }
  return /\s/.test(value);
}

export type PurlProblem =
  | 'purl.too-long'
  | 'purl.whitespace'
  | 'purl.scheme'
  | 'purl.type'
  | 'purl.name'
  | 'purl.namespace'
  | 'purl.version'
  | 'purl.qualifier'
  | 'purl.escape';

export function purlProblem(purl: string): PurlProblem | null {
  if (purl.length > purlMaxLength) return 'purl.too-long';
  if (hasWhitespaceOrControl(purl)) return 'purl.whitespace';
  if (badEscape.test(purl)) return 'purl.escape';
  if (!purl.toLowerCase().startsWith('pkg:')) return 'purl.scheme';
  let rest = purl.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  if (question >= 0) {
    const qualifiers = rest.slice(question + 1);
    rest = rest.slice(0, question);
    const seen = new Set<string>();
    for (const pair of qualifiers.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return 'purl.qualifier';
      const key = pair.slice(0, eq).toLowerCase();
      if (!qualifierKeyPattern.test(key) || seen.has(key) || pair.length === eq + 1) return 'purl.qualifier';
      seen.add(key);
    }
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) return 'purl.type';
  const type = rest.slice(0, slash).toLowerCase();
  if (!typePattern.test(type)) return 'purl.type';
  let path = rest.slice(slash + 1).replace(/\/+$/, '');
  const at = path.lastIndexOf('@');
  if (at >= 0) {
    if (at === path.length - 1) return 'purl.version';
    path = path.slice(0, at);
  }
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  if (name === '') return 'purl.name';
  if (segments.slice(0, -1).some((s) => s === '')) return 'purl.namespace';
  if (type === 'maven' && segments.length < 2) return 'purl.namespace';
  return null;
}

export function isValidPurl(purl: string): boolean {
  return purlProblem(purl) === null;
}
