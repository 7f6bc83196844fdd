import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { writeSbom } from './index.js';
import { baseOptions, sampleDocument, trickyText, trickyTextInXml } from './write-fixture.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from './xml.js';

const ns = { bom: 'http://cyclonedx.org/schema/bom/1.6' };

function xpathText(xml: string, xpath: string): string[] {
  const doc = XmlDocument.fromString(xml);
  try {
    return doc.find(xpath, ns).map((n) => n.content);
  } finally {
    doc.dispose();
  }
}

describe('escaping', () => {
  it('XML text and attributes never contain raw markup characters or invalid XML 1.0 characters', () => {
    expect(escapeXmlText(`<&>"'\r`)).toBe('&lt;&amp;&gt;&quot;&apos;&#13;');
    expect(escapeXmlAttribute(`<&>"'\r\n\t`)).toBe('&lt;&amp;&gt;&quot;&apos;&#13;&#10;&#9;');
    expect(stripInvalidXmlChars('a\u0000b\u0001c\u000bd\u000ce\u001ff\uFFFEg\uFFFFh\uD800i\uDC00j')).toBe(
      'abcdefghij',
    );
    expect(stripInvalidXmlChars('\t\n\r 医療 🩺 \u{10FFFF}')).toBe('\t\n\r 医療 🩺 \u{10FFFF}');
  });

  it('CycloneDX XML is well-formed and means the same text (minus what XML 1.0 cannot carry)', () => {
    const xml = writeSbom(sampleDocument(), 'cyclonedx-1.6-xml', baseOptions);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/);
    expect(xpathText(xml, '//bom:component[@bom-ref="escaping"]/bom:name')).toEqual([trickyTextInXml]);
    expect(xpathText(xml, '//bom:component[@bom-ref="escaping"]/bom:version')).toEqual(['1.0 "β"']);
    expect(xpathText(xml, '//bom:component[@bom-ref="escaping"]/bom:description')).toEqual([
      'line 1\nline 2\r\nline 3 & <tag>',
    ]);
    expect(xpathText(xml, '//bom:component[@bom-ref="escaping"]//bom:property[@name="acme:note"]')).toEqual([
      trickyTextInXml,
    ]);
    expect(xpathText(xml, '//bom:component[@bom-ref="escaping"]//bom:license/bom:name')).toEqual([
      '名前 <&> license',
    ]);
    expect(xpathText(xml, '//bom:component[@bom-ref="weird ref/😀"]/@bom-ref')).toEqual(['weird ref/😀']);
    expect(xpathText(xml, '//bom:metadata/bom:authors/bom:author[1]/bom:name')).toEqual(['佐藤 太郎']);
  });

  it('attribute values keep tabs, newlines and quotes', () => {
    const doc = sampleDocument();
    const tricky = {
      ...doc,
      components: doc.components.map((c) =>
        c.bomRef === 'openssl' ? { ...c, bomRef: `a\tb\nc"d'e<f>&` } : c,
      ),
    };
    const xml = writeSbom(tricky, 'cyclonedx-1.6-xml', baseOptions);
    expect(xpathText(xml, '//bom:component[bom:name="openssl"]/@bom-ref')).toEqual([`a\tb\nc"d'e<f>&`]);
  });

  it('JSON outputs are valid JSON and mean exactly the same text', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as {
      components: {
        'bom-ref': string;
        name: string;
        description?: string;
        properties?: { value: string }[];
      }[];
    };
    const c = bom.components.find((x) => x['bom-ref'] === 'escaping');
    expect(c?.name).toBe(trickyText);
    expect(c?.description).toBe('line 1\nline 2\r\nline 3 & <tag>');
    expect(c?.properties?.[0]?.value).toBe(trickyText);
    const spdx = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', baseOptions)) as {
      packages: { name: string }[];
    };
    expect(spdx.packages.map((p) => p.name)).toContain(trickyText);
  });
});
