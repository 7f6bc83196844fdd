/**
 * SBOM diagnostics in the UI language (web/src/pages/release/diagnostic-text.ts), from what the real
 * reader reports: schema errors by keyword, the mapper's checks by code, English kept where there is
 * no translation.
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SbomDiagnostic } from '../../src/core/sbom/diagnostics.js';
import { readSbom } from '../../src/sbom/read/index.js';
import { diagnosticRuleText, diagnosticText } from '../../web/src/pages/release/diagnostic-text.js';
import { webT } from '../support/web-i18n.js';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const cdx = (extra: Record<string, unknown>) =>
  enc({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra });

function diagnosticsOf(bytes: Uint8Array): SbomDiagnostic[] {
  const r = readSbom(bytes);
  return r.diagnostics;
}

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

describe('diagnosticText', () => {
  it('says schema errors in Japanese by keyword, with their values', () => {
    const found = diagnosticsOf(
      cdx({
        metadata: { timestamp: 'yesterday' },
        components: [
          { type: 'gadget', name: 'a' },
          { type: 'library' },
          { type: 'library', name: 'b', colour: 'red' },
        ],
      }),
    );
    const byLocation = new Map(found.map((d) => [`${d.location} ${d.args?.keyword}`, d]));
    const text = (key: string) => diagnosticText(byLocation.get(key)!, ja);
    expect(text('/components/1 required')).toBe('必須のプロパティ「name」がありません');
    expect(text('/components/2 additionalProperties')).toBe('プロパティ「colour」はここでは使えません');
    expect(text('/components/0/type enum')).toMatch(
      /^許可された値のいずれかでなければなりません：application, framework, library, /,
    );
    expect(text('/metadata/timestamp format')).toBe('date-time の形式として正しくありません');
    expect(diagnosticText(byLocation.get('/components/1 required')!, en)).toBe(
      'required property "name" is missing',
    );
    for (const d of found) expect(diagnosticText(d, ja), d.message).toMatch(/[ぁ-んァ-ヶ]/);
  });

  it('says where a JSON syntax error is and what kind it is, in Japanese without the engine\'s English (QA secops 12)', () => {
    const whole = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'a' }] }, null, 2);
    const cut = whole.slice(0, whole.indexOf('"a"') + 2);
    const [truncated] = diagnosticsOf(enc(cut));
    const lines = cut.split('\n');
    expect(truncated).toMatchObject({ code: 'json.malformed', location: `line ${lines.length}` });
    expect(truncated!.message).toMatch(new RegExp(`^Not well-formed JSON at line ${lines.length}, column \\d+: Unterminated string`));
    expect(diagnosticText(truncated!, ja)).toMatch(new RegExp(`^JSON の構文が正しくありません（${lines.length} 行 \\d+ 列）：文字列が閉じられていません`));
    expect(diagnosticText(truncated!, en)).toMatch(/^Not well-formed JSON at line \d+, column \d+: a string is not closed \(the file may have been cut short\)$/);
    const [ended] = diagnosticsOf(enc('{"bomFormat": "CycloneDX",\n  "components": ['));
    expect(diagnosticText(ended!, ja)).toBe('JSON の構文が正しくありません（2 行 18 列）：文書が途中で終わっています（ファイルが途中で切れている可能性があります）');
    const [colon] = diagnosticsOf(enc('{\n  "bomFormat" "CycloneDX"\n}'));
    expect(colon!.args).toMatchObject({ variant: 'syntax', line: 2, column: 15 });
    expect(diagnosticText(colon!, ja)).toBe('JSON の構文が正しくありません（2 行 15 列）：この位置に使えない文字があります');
    // A message without a position (the engine quotes the text instead): no place is made up.
    const [token] = diagnosticsOf(enc('{"a":}'));
    expect(token!.args).not.toHaveProperty('line');
    expect(diagnosticText(token!, ja)).toBe('JSON の構文が正しくありません：この位置に使えない文字があります');
  });

  it('says the duplicate of uniqueItems with both items', () => {
    const c = { type: 'library', name: 'a' };
    const [dup] = diagnosticsOf(cdx({ components: [c, { ...c }] }));
    expect(diagnosticText(dup!, ja)).toBe('項目 0 と 1 が同一です（重複は許されません）');
  });

  it('says the mapper checks in Japanese, picking the wording of each variant', () => {
    const found = diagnosticsOf(
      cdx({
        components: [
          { type: 'library', name: 'a', 'bom-ref': 'a' },
          { type: 'library', name: 'b', 'bom-ref': 'b' },
        ],
        dependencies: [{ ref: 'a', dependsOn: ['ghost'] }, { ref: 'nobody' }],
      }),
    );
    expect(found.map((d) => diagnosticText(d, ja))).toEqual([
      '「a」の依存先「ghost」は、この BOM のどのコンポーネントやサービスも指していません',
      '依存関係の ref「nobody」は、この BOM のどのコンポーネントやサービスも指していません',
    ]);
    expect(found.map((d) => diagnosticText(d, en))).toEqual(found.map((d) => d.message));
    const [proto] = diagnosticsOf(
      enc(
        '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","__proto__":{"x":1}}]}',
      ),
    );
    expect(diagnosticText(proto!, ja)).toBe(
      'キー「__proto__」を削除しました（オブジェクトのプロトタイプを書き換えるおそれがあるため）',
    );
  });

  it('says an impossible end-of-support date in Japanese, naming the property and the component', () => {
    const [d] = diagnosticsOf(
      cdx({
        components: [
          {
            type: 'library',
            name: 'badeos',
            version: '1',
            properties: [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-13-45' }],
          },
        ],
      }),
    );
    expect(diagnosticText(d!, ja)).toBe(
      'コンポーネント「badeos 1」の cdx:lifecycle:milestone:endOfSupport にあるサポート終了日「2026-13-45」は暦にない日付のため、サポート終了日なしとして読み込みました',
    );
    expect(diagnosticText(d!, en)).toBe(d!.message);
  });

  it('says what is not kept (services, compositions, pedigree) in Japanese, with the refs removed', () => {
    const found = diagnosticsOf(
      cdx({
        components: [{ type: 'library', 'bom-ref': 'a', name: 'a', pedigree: { notes: 'patched' } }],
        services: [{ 'bom-ref': 'svc', name: 'cloud-api' }, { name: 'auth' }],
        dependencies: [{ ref: 'a', dependsOn: ['svc'] }],
        compositions: [{ aggregate: 'complete' }],
      }),
    );
    expect(found.map((d) => diagnosticText(d, ja))).toEqual([
      'サービス（services[]）2 件は保持しません。mamori の構成情報はコンポーネントを扱い、サービスは扱いません。依存関係グラフから次の参照を削除しました："svc"',
      '構成の完全性の記述（compositions[]）1 件は保持しません。mamori は構成情報がどこまで完全かを記録しません',
      'コンポーネント 1 件の来歴（pedigree：祖先・派生・変種・コミット・パッチ）は保持しません',
    ]);
    expect(found.map((d) => diagnosticText(d, en))).toEqual(found.map((d) => d.message));
    const [alone] = diagnosticsOf(cdx({ services: [{ name: 'api' }] }));
    expect(diagnosticText(alone!, en)).toBe(alone!.message);
    expect(diagnosticText(alone!, ja)).toBe(
      'サービス（services[]）1 件は保持しません。mamori の構成情報はコンポーネントを扱い、サービスは扱いません',
    );
  });

  it('says every other kind of content not kept in Japanese (CycloneDX JSON and XML, SPDX), and in English as the reader wrote it', () => {
    const signature = { algorithm: 'RS256', value: 'c2ln' };
    const found = diagnosticsOf(
      enc({
        bomFormat: 'CycloneDX',
        specVersion: '1.7',
        version: 1,
        metadata: {
          manufacturer: { name: 'M' },
          supplier: { name: 'S' },
          distributionConstraints: { tlp: 'AMBER' },
        },
        components: [
          {
            type: 'library',
            'bom-ref': 'a',
            name: 'a',
            'mime-type': 'application/zip',
            author: 'x',
            authors: [{ name: 'y' }],
            evidence: { copyright: [{ text: 'c' }] },
            releaseNotes: { type: 'major' },
            modelCard: {},
            data: [{ type: 'dataset' }],
            cryptoProperties: { assetType: 'algorithm' },
            omniborId: ['gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64'],
            swhid: ['swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2'],
            modified: true,
            tags: ['t'],
            versionRange: 'vers:npm/>=1',
            isExternal: true,
            patentAssertions: [{ assertionType: 'ownership', asserter: 'x' }],
            signature,
          },
        ],
        dependencies: [{ ref: 'a', provides: ['a'] }],
        vulnerabilities: [{ id: 'CVE-2024-0001' }],
        annotations: [
          {
            subjects: ['a'],
            annotator: { organization: { name: 'QA' } },
            timestamp: '2026-01-01T00:00:00Z',
            text: 't',
          },
        ],
        formulation: [{}],
        declarations: {},
        definitions: {},
        citations: [{ pointers: ['/components/0'], timestamp: '2026-01-01T00:00:00Z', attributedTo: 'a' }],
        properties: [{ name: 'p', value: 'v' }],
        signature,
      }),
    );
    const sha1 = { algorithm: 'SHA1', checksumValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' };
    const spdx = diagnosticsOf(
      enc({
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: 'x',
        comment: 'c',
        documentNamespace: 'https://example.com/x',
        creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: t'] },
        externalDocumentRefs: [
          { externalDocumentId: 'DocumentRef-a', spdxDocument: 'https://example.com/a', checksum: sha1 },
        ],
        annotations: [
          {
            annotator: 'Tool: t',
            annotationDate: '2026-01-02T03:04:05Z',
            annotationType: 'OTHER',
            comment: 'c',
          },
        ],
        hasExtractedLicensingInfos: [{ licenseId: 'LicenseRef-x', extractedText: 'text', name: 'X' }],
        packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NOASSERTION', sourceInfo: 's' }],
        files: [{ SPDXID: 'SPDXRef-f', fileName: './f', checksums: [sha1] }],
        snippets: [
          {
            SPDXID: 'SPDXRef-s',
            snippetFromFile: 'SPDXRef-f',
            name: 's',
            ranges: [
              {
                startPointer: { reference: 'SPDXRef-f', offset: 1 },
                endPointer: { reference: 'SPDXRef-f', offset: 2 },
              },
            ],
            licenseConcluded: 'MIT',
          },
        ],
      }),
    );
    const all = [...found, ...spdx];
    // 26 CycloneDX kinds and 7 SPDX ones, each once.
    expect(new Set(all.map((d) => d.code)).size).toBe(found.length + spdx.length - 1);
    expect(all).toHaveLength(33);
    for (const d of all) {
      expect(d.code).toMatch(/\.not_kept$/);
      expect(diagnosticText(d, en), d.code).toBe(d.message);
      expect(diagnosticText(d, ja), d.code).toMatch(/[ぁ-んァ-ヶ]/);
    }
    const ja1 = (code: string, from = all) =>
      diagnosticText(
        from.find((d) => d.code === code)!,
        ja,
      );
    expect(ja1('vulnerabilities.not_kept')).toBe(
      '脆弱性の記述（vulnerabilities[]）1 件は保持しません。構成情報は脆弱性の記述を取り込みません。VEX は mamori のトリアージで扱います（読み込むには、この文書をサプライヤーの VEX としてインポートしてください）',
    );
    expect(ja1('signature.not_kept')).toBe(
      '文書の署名（signature）は保持しません。mamori は署名を検証せず、エクスポートした文書には署名がありません',
    );
    expect(ja1('metadata_supplier.not_kept')).toBe(
      'metadata.supplier は保持しません。mamori は文書の組織を 1 つだけ保持します（metadata.manufacturer、なければ metadata.supplier、なければ metadata.manufacture。同じ名前の組織は 1 つにまとめます）。この文書では metadata.manufacturer です',
    );
    expect(ja1('annotations.not_kept', spdx)).toBe(
      '文書とパッケージの注釈（annotations[]）1 件は保持しません',
    );
    expect(ja1('package_fields.not_kept')).toBe(
      '保持しないパッケージのフィールド（mamori のコンポーネントには対応する項目がありません）：sourceInfo (1)',
    );

    const dsig = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>';
    const xml = diagnosticsOf(
      enc(
        `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>a</name><evidence><copyright><text>c</text></copyright></evidence>${dsig}</component></components>${dsig}</bom>`,
      ),
    );
    expect(xml.map((d) => diagnosticText(d, ja))).toEqual([
      '文書の署名（signature）は保持しません。mamori は署名を検証せず、エクスポートした文書には署名がありません',
      'コンポーネント 1 件の証拠（evidence：解析で見つかった識別情報・出現箇所・コールスタック・ライセンス・著作権）は保持しません',
      'コンポーネント 1 件の署名（signature）は保持しません。mamori は署名を検証せず、エクスポートした文書には署名がありません',
    ]);
  });

  it('says the SPDX variants of a code in their own words', () => {
    const pkg = (id: string) => ({ SPDXID: id, name: id, downloadLocation: 'NOASSERTION' });
    const found = diagnosticsOf(
      enc({
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: 'x',
        documentNamespace: 'https://example.com/x',
        creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: t'] },
        packages: [
          { ...pkg('SPDXRef-a'), checksums: [{ algorithm: 'ADLER32', checksumValue: '0a1b2c3d' }] },
          pkg('SPDXRef-b'),
        ],
        relationships: [
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-ghost' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'GENERATED_FROM', relatedSpdxElement: 'SPDXRef-b' },
          { spdxElementId: 'SPDXRef-b', relationshipType: 'VARIANT_OF', relatedSpdxElement: 'SPDXRef-a' },
        ],
      }),
    );
    const texts = found.map((d) => diagnosticText(d, ja));
    expect(texts).toContain(
      'チェックサムのアルゴリズム「ADLER32」には CycloneDX で対応するものがないため、読み込みませんでした',
    );
    expect(texts).toContain(
      '関係 SPDXRef-a DEPENDS_ON SPDXRef-ghost の「SPDXRef-ghost」は、この文書で定義されていません',
    );
    expect(texts).toContain(
      '依存関係を表さない種類の関係 2 件は読み込みませんでした：GENERATED_FROM (1), VARIANT_OF (1)',
    );
    const notKept = found.find((d) => d.code === 'relationship.not_kept')!;
    expect(diagnosticText(notKept, en)).toBe(notKept.message);
  });

  it('counts the schema errors not shown, and keeps English where there is no translation', () => {
    const components = Array.from({ length: 120 }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}` }));
    const found = diagnosticsOf(cdx({ components }));
    expect(found).toHaveLength(101);
    expect(diagnosticText(found[100]!, ja)).toBe(
      'ほかに 20 件のスキーマエラーがあります（表示していません）',
    );
    expect(diagnosticText(found[100]!, en)).toBe(found[100]!.message);
    const old = { code: 'schema', message: '/x must be string' };
    expect(diagnosticText(old, ja)).toBe('/x must be string');
    expect(diagnosticText({ code: 'schema', message: 'm', args: { keyword: 'someFutureKeyword' } }, ja)).toBe(
      'm',
    );
    expect(diagnosticText({ code: 'some.future_code', message: 'Future refusal', args: { x: 1 } }, ja)).toBe(
      'Future refusal',
    );
    // A translation whose values the diagnostic does not carry (stored by another version) is not shown half-filled.
    expect(diagnosticText({ code: 'xml.doctype', message: 'DOCTYPE refused', args: { x: 1 } }, ja)).toBe(
      'DOCTYPE refused',
    );
  });

  it("says libxml2's XSD errors of known forms in Japanese, naming elements without their namespace", () => {
    const ns = 'http://cyclonedx.org/schema/bom/1.6';
    const found = diagnosticsOf(
      enc(`<?xml version="1.0"?>
<bom xmlns="${ns}" version="1" serialNumber="urn:uuid:nope">
  <metadata><timestamp>2020-04-07</timestamp></metadata>
  <components>
    <component type="gadget" bom-ref="a"><name>a</name><hashes><hash alg="SHA-256">xyz</hash></hashes></component>
    <component type="library" bom-ref="a"><name>b</name><colour>red</colour></component>
    <component type="library" bom-ref="c"><name>c</name><swid name="s"/></component>
  </components>
</bom>
`),
    );
    const xsd = found.filter((d) => d.args?.keyword === 'xsd');
    expect(xsd.map((d) => d.args?.variant).sort()).toEqual(
      [
        'attributeRequired',
        'duplicateKey',
        'enumeration',
        'notExpectedOf',
        'pattern',
        'pattern',
        'type',
      ].sort(),
    );
    const texts = found.map((d) => diagnosticText(d, ja));
    expect(texts).toContain(
      '要素 bom の属性 serialNumber: 値「urn:uuid:nope」がパターン ' +
        (xsd.find((d) => d.args?.attribute === 'serialNumber')?.args?.pattern as string) +
        ' に一致しません',
    );
    expect(texts).toContain('要素 timestamp: 「2020-04-07」は型 xs:dateTime の値として正しくありません');
    expect(
      texts.some((t) =>
        t.startsWith(
          "要素 component の属性 type: 値「gadget」は許される値のいずれでもありません（許される値: 'application'",
        ),
      ),
    ).toBe(true);
    expect(texts).toContain('要素 swid に必須の属性 tagId がありません');
    expect(texts.some((t) => t.startsWith('要素 colour はこの位置に置けません（期待される要素: '))).toBe(
      true,
    );
    expect(
      texts.some((t) => /^要素 component: キー \[.a.\] が重複しています（一意制約 bom-ref）$/.test(t)),
    ).toBe(true);
    // English gets the same structured wording; a message of a form not recognised keeps libxml2's text.
    expect(found.map((d) => diagnosticText(d, en))).toContain(
      'element swid has no tagId attribute, which is required',
    );
    expect(diagnosticText({ code: 'schema', message: "Element 'x': something new." }, ja)).toBe(
      "Element 'x': something new.",
    );
  });

  it('says the SPDX tag-value checks in Japanese, with the section named in Japanese', () => {
    const found = diagnosticsOf(
      enc(
        [
          'SPDXVersion: SPDX-2.3',
          'DataLicense: CC0-1.0',
          'SPDXID: SPDXRef-DOCUMENT',
          'DocumentName: d',
          'DocumentNamespace: https://example.com/d',
          'Creator: Tool: t',
          'Created: yesterday',
          'PackageName: p',
          'SPDXID: SPDXRef-p!',
          'PackageVersion: 1',
          'PackageVersion: 2',
          'FileSize: 3',
          'this line has no tag',
          'Relationship: SPDXRef-DOCUMENT DESCRIBES',
          'PackageComment: <text>never closed',
        ].join('\n'),
      ),
    );
    const texts = found.map((d) => diagnosticText(d, ja));
    expect(texts).toEqual(
      expect.arrayContaining([
        '8 行目から始まるパッケージのセクションに PackageDownloadLocation がありません',
        'PackageVersion が 8 行目から始まるパッケージのセクションに 2 回あります（1 回までです）',
        'Created は YYYY-MM-DDThh:mm:ssZ の形で書きます（「yesterday」と書かれています）',
        'SPDX 識別子「SPDXRef-p!」は、SPDXRef- に英数字・「.」・「-」を続けた形で書きます',
        '不明なタグ「FileSize」です',
        '「タグ: 値」の形の行が必要ですが、「this line has no tag」と書かれています',
        'Relationship は「<SPDXID> <関係の種類> <SPDXID>」の形で書きます',
        'PackageComment の <text> の値が </text> で閉じられていません',
      ]),
    );
    expect(found.every((d) => d.args !== undefined)).toBe(true);
  });

  it('says the refusals of a whole document in Japanese: encoding, DOCTYPE, format, versions, limits', () => {
    const refusals = (bytes: Uint8Array, limits?: Parameters<typeof readSbom>[1]) => {
      const r = readSbom(bytes, limits);
      expect(r.ok).toBe(false);
      return r.diagnostics.filter((d) => d.severity === 'error');
    };
    const one = (bytes: Uint8Array, options?: Parameters<typeof readSbom>[1]) => {
      const [d] = refusals(bytes, options);
      return {
        ja: diagnosticText(d!, ja),
        en: diagnosticText(d!, en),
        rule: diagnosticRuleText(d!, ja),
        d: d!,
      };
    };
    // A Shift_JIS file from a supplier.
    const sjis = one(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x83, 0x41, 0x22, 0x7d]));
    expect(sjis.ja).toBe(
      '文書が UTF-8 として正しくありません（6 バイト目に不正なバイト列）。Shift_JIS や UTF-16 で保存された文書は、UTF-8 で保存し直してからアップロードしてください',
    );
    expect(sjis.rule).toBe('RFC 8259 §8.1 / XML 1.0 §4.3.3：SBOM は UTF-8 でやり取りします');
    const doctype = one(enc('<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x "y">]><bom/>'));
    expect(doctype.ja).toMatch(/^XML のマークアップ宣言 <!DOCTYPE は受け付けません。/);
    expect(doctype.rule).toMatch(/^mamori の規則：信頼できない XML の実体は展開しません。/);
    expect(doctype.en).toBe(doctype.d.message);
    const spdx21 = one(enc({ spdxVersion: 'SPDX-2.1', SPDXID: 'SPDXRef-DOCUMENT' }));
    expect(spdx21.ja).toBe(
      '対応していない文書です（spdxVersion が「SPDX-2.1」の SPDX JSON（対応：SPDX-2.2、SPDX-2.3） のようです）。mamori が読めるのは CycloneDX 1.2〜1.7（JSON、XML）と SPDX 2.2/2.3（JSON、タグ値形式）です',
    );
    expect(spdx21.en).toBe(`${spdx21.d.message.replace(/^unsupported/, 'Unsupported').replace(/\.$/, '')}`);
    expect(one(enc('<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.1"/>')).ja).toContain(
      '（CycloneDX 1.1 の XML（対応：1.2〜1.7） のようです）',
    );
    expect(one(enc('<?xml version="1.0"?><bom xmlns="http://example.com/bom"/>')).ja).toContain(
      '（名前空間が「http://example.com/bom」の XML <bom>',
    );
    expect(one(enc({ bomFormat: 'CycloneDX', specVersion: '1.1', version: 1 })).ja).toBe(
      'specVersion が "1.1" の CycloneDX JSON には対応していません（対応：1.2〜1.7）',
    );
    expect(one(enc('SPDXVersion: SPDX-2.1\nDataLicense: CC0-1.0\n')).ja).toBe(
      'SPDXVersion が "SPDX-2.1" の SPDX タグ値形式には対応していません（対応：SPDX-2.2、SPDX-2.3）',
    );
    expect(one(enc('{"a": [1, }')).ja).toMatch(/^JSON の構文が正しくありません：/);
    expect(one(enc('<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><a></bom>')).ja).toMatch(
      /^XML の構文が正しくありません：/,
    );
    expect(one(enc('<bom/>')).ja).toContain('（名前空間のない XML <bom>');
    expect(one(enc(''), {}).ja).toBe(
      '対応していない文書です（空の文書 のようです）。mamori が読めるのは CycloneDX 1.2〜1.7（JSON、XML）と SPDX 2.2/2.3（JSON、タグ値形式）です',
    );
    expect(one(cdx({}), { limits: { maxBytes: 10 } }).ja).toMatch(
      /^文書の大きさが \d+ バイトあり、上限の 10 バイトを超えています$/,
    );
    expect(one(enc('[[[[1]]]]'), { limits: { maxDepth: 2 } }).ja).toBe(
      'JSON の入れ子が上限の 2 階層を超えています（1 行 3 列）',
    );
    expect(
      one(
        cdx({
          components: [
            { type: 'library', name: 'a' },
            { type: 'library', name: 'b' },
          ],
        }),
        { limits: { maxComponents: 1 } },
      ).ja,
    ).toBe('コンポーネントが設定された上限の 1 件を超えています');
    // Every refusal of these kinds is said in Japanese, and a rule mamori did not write stays as it is.
    const limit = one(cdx({}), { limits: { maxBytes: 10 } });
    expect(limit.rule).toBe('mamori limit maxBytes = 10');
  });

  it('says a repeated JSON key in Japanese, where it is and what is kept, and counts those not shown (QA sbomra 3)', () => {
    const found = diagnosticsOf(
      enc('{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,\n"components":[{"type":"library","name":"safe-lib","name":"evil-lib"}]}'),
    ).filter((d) => d.code === 'json.duplicate_key');
    expect(found.map((d) => diagnosticText(d, ja))).toEqual([
      'キー「name」が一つのオブジェクトに複数回あります（2 行 51 列）。mamori は最後の値を使います。最初の値を使うツールでは別の内容として読まれます',
    ]);
    expect(diagnosticText(found[0]!, en)).toBe(found[0]!.message);
    expect(diagnosticRuleText(found[0]!, ja)).toMatch(/^RFC 8259 §4：オブジェクト内の名前は重複しないこと/);
    const many = Array.from({ length: 102 }, (_, i) => `{"name":"p${i}","value":"1","value":"2"}`).join(',');
    const more = diagnosticsOf(
      enc(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","properties":[${many}]}]}`),
    ).filter((d) => d.code === 'json.duplicate_key');
    expect(more).toHaveLength(101);
    expect(diagnosticText(more[100]!, ja)).toBe('ほかに 2 件の重複したキーがあります（表示していません）');
    expect(diagnosticText(more[100]!, en)).toBe(more[100]!.message);
  });
});
