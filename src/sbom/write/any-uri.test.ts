/**
 * anyUriText: what the CycloneDX XML writer puts in `xs:anyURI` elements. libxml2 (the validator
 * `mamori sbom validate` and xmllint use) is the judge of validity, through a one-element schema.
 */
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyUriText } from './any-uri.js';
import { escapeXmlText } from './xml.js';

let xsdDoc: XmlDocument;
let xsd: XsdValidator;
beforeAll(() => {
  xsdDoc = XmlDocument.fromString(
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="u" type="xs:anyURI"/></xs:schema>',
  );
  xsd = XsdValidator.fromDoc(xsdDoc);
});
afterAll(() => {
  xsd.dispose();
  xsdDoc.dispose();
});

function isAnyUri(value: string): boolean {
  const doc = XmlDocument.fromString(`<u>${escapeXmlText(value)}</u>`);
  try {
    xsd.validate(doc);
    return true;
  } catch {
    return false;
  } finally {
    doc.dispose();
  }
}

describe('anyUriText', () => {
  it('the judge is live: it refuses what QA found in an export', () => {
    expect(isAnyUri('pkg:npm/%zz@1')).toBe(false);
    expect(isAnyUri('pkg:npm/lodash@4.17.21')).toBe(true);
  });

  it.each([
    'pkg:npm/lodash@4.17.21',
    'pkg:npm/%40angular/core@17.0.0',
    'pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar&classifier=sources',
    'pkg:golang/github.com/gorilla/mux@v1.8.0#subdir/x',
    'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
    'pkg:generic/%E5%8C%BB%E7%99%82@1.0',
    'pkg:generic/医療機器@1.0',
    'pkg://npm/lodash',
    'https://example.com/a/b?c=d&e=f#g',
    'https://user:pw@example.com:8443/x',
    'http://[::1]:8080/status',
    'http://[v1.fe80::a+en1]/',
    'mailto:psirt@example.com',
    'https://例え.jp/製品',
    '../relative/path',
    '',
  ])('leaves a URI reference as it is: %s', (value) => {
    expect(anyUriText(value, 'purl')).toBe(value);
    expect(anyUriText(value, 'url')).toBe(value);
    expect(isAnyUri(value)).toBe(true);
  });

  // The last column: does libxml2 take the text as it is? XSD 1.0 lets an anyURI hold a space or `|`
  // (escaped before parsing, XLink §5.4), but they are no URI characters, and the anyURI whitespace
  // facet collapses spaces, tabs and newlines: they are encoded as well.
  it.each([
    ['pkg:npm/%zz@1', 'purl', 'pkg:npm/%25zz@1', false],
    ['pkg:npm/100%', 'purl', 'pkg:npm/100%25', false],
    ['pkg:generic/murata/wifi fw@2.1 build 7', 'purl', 'pkg:generic/murata/wifi%20fw@2.1%20build%207', true],
    ['pkg:generic/a\tb\nc', 'purl', 'pkg:generic/a%09b%0Ac', true],
    ['pkg:generic/a"b<c>d\\e^f`g{h|i}', 'purl', 'pkg:generic/a%22b%3Cc%3Ed%5Ce%5Ef%60g%7Bh%7Ci%7D', true],
    // The purl specification splits the subpath off at the last #; a URL's fragment starts at the first.
    ['pkg:npm/a#b#c', 'purl', 'pkg:npm/a%23b#c', false],
    ['https://example.com/a#b#c', 'url', 'https://example.com/a#b%23c', false],
    ['pkg:npm/a[1]@1?x=[y]', 'purl', 'pkg:npm/a%5B1%5D@1?x=%5By%5D', false],
    ['pkg://npm:x/lodash', 'purl', 'pkg://npm%3Ax/lodash', false],
    ['https://host:/p', 'url', 'https://host%3A/p', false],
    ['https://a@b@example.com/', 'url', 'https://a%40b%40example.com/', false],
    [':npm/lodash', 'purl', '%3Anpm/lodash', false],
    ['1pkg:npm/x', 'purl', '1pkg%3Anpm/x', false],
    ['npm:lodash@1', 'purl', 'npm:lodash@1', true],
  ] as const)('percent-encodes what keeps %s from being a URI', (value, kind, expected, libxml2Takes) => {
    expect(isAnyUri(value)).toBe(libxml2Takes);
    expect(anyUriText(value, kind)).toBe(expected);
    expect(isAnyUri(expected)).toBe(true);
  });

  it('gives a valid xs:anyURI for any text, and changes nothing the second time', () => {
    // Every ASCII character in each place of a purl and a URL, then random mixes of the troublesome ones.
    const places = (ch: string) => [
      `${ch}`,
      `${ch}pkg:npm/x`,
      `pkg:${ch}/x`,
      `pkg:npm/${ch}@1`,
      `pkg:npm/x@1?k=${ch}#${ch}`,
      `pkg://${ch}/x`,
      `https://${ch}@host:${ch}/p`,
      `//${ch}:${ch}/`,
      `${ch}:${ch}`,
    ];
    const samples: string[] = [];
    for (let c = 0; c < 128; c++) samples.push(...places(String.fromCharCode(c)));
    samples.push(
      ...places('%'),
      ...places('%4'),
      ...places('%4G'),
      ...places('é'),
      ...places('\u3000'),
      ...places('😀'),
    );
    const alphabet = [
      'a',
      '1',
      ':',
      '/',
      '?',
      '#',
      '@',
      '%',
      '%2',
      '%41',
      '[',
      ']',
      ' ',
      '"',
      '|',
      '\\',
      '&',
      '=',
      'pkg:',
      '//',
      'é',
      '.',
      '-',
    ];
    let seed = 20260401;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 3000; n++) {
      const length = 1 + Math.floor(random() * 12);
      samples.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
    const invalid: string[] = [];
    for (const value of samples) {
      for (const kind of ['purl', 'url'] as const) {
        const text = anyUriText(value, kind);
        if (!isAnyUri(text) || anyUriText(text, kind) !== text)
          invalid.push(`${kind} ${JSON.stringify(value)} → ${JSON.stringify(text)}`);
      }
    }
    expect(invalid).toEqual([]);
  });
});
