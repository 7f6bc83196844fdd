/**
 * Text for the CycloneDX XML elements typed `xs:anyURI` (component `purl`, organisations' `url`,
 * external references' `url`): the stored text, with the characters that keep it from being a URI
 * reference percent-encoded, so that the export validates against bom-1.6.xsd whatever an uploaded
 * SBOM held (SBOM JSON purls and URLs are plain strings; mamori's reader keeps them as written, and
 * the quality check reports a malformed purl).
 *
 * A value that already is an RFC 3986 URI reference (non-ASCII letters allowed, as in an IRI,
 * RFC 3987) is written unchanged. Otherwise only these are changed, each into its UTF-8 `%XX`:
 * - characters no URI may hold: controls, space, DEL, `"` `<` `>` `\` `^` `` ` `` `{` `|` `}`;
 * - a `%` that does not start a `%XX` escape → `%25` (the `%` itself);
 * - `[` and `]` outside an IP-literal host;
 * - every `#` but the one that starts the fragment → `%23`: for a purl the last one (the purl
 *   specification splits the subpath off from the right), for a URL the first;
 * - an authority (`//…`) that is not `userinfo@host:port` (a port has digits): its `:` `@` `[` `]`;
 * - without a scheme, a `:` in the first path segment (it would read as a scheme).
 * Percent-encoding a character that stands for itself does not change what a purl means (a purl's
 * components are percent-decoded), and the purl specification's canonical form encodes all of these.
 * The JSON and SPDX writers keep the text as stored: their schemas type it as a string.
 */

// eslint-disable-next-line no-control-regex
const neverInUri = /[\u0000-\u0020\u007f"<>\\^`{|}]/;
const escapeStart = /^[0-9A-Fa-f]{2}$/;
const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

// RFC 3986 §3.2: userinfo, host (IP-literal or reg-name) and port; characters outside ASCII allowed
// (RFC 3987 iauthority). A `:` with no port after it is allowed by the RFC but not by libxml2.
const unreserved = "A-Za-z0-9\\-._~!$&'()*+,;=\\u0080-\\uFFFF";
const pctEncoded = '%[0-9A-Fa-f]{2}';
const authority = new RegExp(
  `^(?:(?:[${unreserved}:]|${pctEncoded})*@)?` +
    `(?:\\[[0-9A-Fa-f:.]+\\]|\\[v[0-9A-Fa-f]+\\.[${unreserved}:]+\\]|(?:[${unreserved}]|${pctEncoded})*)` +
    '(?::[0-9]+)?$',
);

function percentEncode(ch: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(ch))
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

const brackets = (text: string) => text.replace(/[[\]]/g, percentEncode);

/** Which `#` starts the fragment: the last for a purl, the first for a URL. */
export type FragmentStart = 'purl' | 'url';

/** The value as a valid `xs:anyURI` (see the module header); unchanged when it already is one. */
export function anyUriText(value: string, kind: FragmentStart): string {
  const fragmentAt = kind === 'purl' ? value.lastIndexOf('#') : value.indexOf('#');
  let text = '';
  for (let i = 0; i < value.length;) {
    const ch = String.fromCodePoint(value.codePointAt(i)!);
    if (ch === '%' && !escapeStart.test(value.slice(i + 1, i + 3))) text += '%25';
    else if (ch === '#' && i !== fragmentAt) text += '%23';
    else if (neverInUri.test(ch)) text += percentEncode(ch);
    else text += ch;
    i += ch.length;
  }
  const prefix = scheme.exec(text)?.[0] ?? '';
  let rest = text.slice(prefix.length);
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    const host = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    const after = end < 0 ? '' : rest.slice(end + 2);
    return `${prefix}//${authority.test(host) ? host : host.replace(/[[\]:@]/g, percentEncode)}${brackets(after)}`;
  }
  if (prefix === '') {
    const end = rest.search(/[/?#]/);
    rest = end < 0 ? rest.replace(/:/g, '%3A') : rest.slice(0, end).replace(/:/g, '%3A') + rest.slice(end);
  }
  return prefix + brackets(rest);
}
