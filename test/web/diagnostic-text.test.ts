/**
 * SBOM diagnostics in the UI language (web/src/pages/release/diagnostic-text.ts), from what the real
 * reader reports: schema errors by keyword, the mapper's checks by code, English kept where there is
 * no translation.
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SbomDiagnostic } from '../../src/core/sbom/diagnostics.js';
import { readSbom } from '../../src/sbom/read/index.js';
import { diagnosticText } from '../../web/src/pages/release/diagnostic-text.js';
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
});
