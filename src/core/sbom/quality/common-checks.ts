/**
 * The shared check definitions. Each builder makes one check with its plain-language texts; a
 * profile file picks the builders its source asks for and passes the citation and severity, so
 * every check in every profile cites its own source. Texts are paraphrases, never quotations.
 */
import { countComponents, type Component, type SbomDocument } from '../model.js';
import {
  fail,
  notApplicable,
  outcome,
  pass,
  sameInBothLanguages,
  timestampClockSkewMs,
  type CheckOutcome,
  type CheckSeverity,
  type CheckSource,
  type ComponentCheck,
  type DocumentCheck,
  type LocalizedText,
  type QualityContext,
} from './check.js';
import {
  allHashes,
  compareDotted,
  dependencyIndex,
  entityHasContact,
  entityHasName,
  hasIdentifier,
  isDate,
  isDateTime,
  isEmail,
  isStatedLicense,
  isWellFormedCpe,
  isWellFormedHash,
  knownRefs,
  present,
  propertyValues,
  textHasContact,
  weakHashAlgorithms,
} from './fields.js';
import { purlProblem } from './purl-syntax.js';
import { checkSpdxExpression, spdxExpressionProblem } from './spdx-license-syntax.js';

/** Optional per-profile wording that replaces the default texts of a builder. */
export interface TextOverrides {
  readonly title?: LocalizedText;
  readonly explanation?: LocalizedText;
  readonly fix?: LocalizedText;
}

interface Texts {
  readonly title: LocalizedText;
  readonly explanation: LocalizedText;
  readonly fix: LocalizedText;
}

function documentCheck(
  id: string,
  texts: Texts,
  evaluate: (doc: SbomDocument, context: QualityContext) => CheckOutcome,
) {
  return (source: CheckSource, severity: CheckSeverity, overrides: TextOverrides = {}): DocumentCheck => ({
    id,
    level: 'document',
    severity,
    ...texts,
    ...overrides,
    source,
    evaluate,
  });
}

function componentCheck(
  id: string,
  texts: Texts,
  evaluate: (c: Component, doc: SbomDocument, context: QualityContext) => CheckOutcome,
) {
  return (source: CheckSource, severity: CheckSeverity, overrides: TextOverrides = {}): ComponentCheck => ({
    id,
    level: 'component',
    severity,
    ...texts,
    ...overrides,
    source,
    evaluate,
  });
}

// ---------------------------------------------------------------------------------------------
// Document checks

export const documentAuthor = documentCheck(
  'document.author',
  {
    title: { en: 'SBOM author is named', ja: 'SBOM作成者が記載されている' },
    explanation: {
      en: 'Readers need to know who assembled the SBOM data, to judge it and to ask questions about it.',
      ja: 'SBOMデータを誰がまとめたかが分からないと、内容を評価したり問い合わせたりできません。',
    },
    fix: {
      en: 'Add the person or organisation that created the SBOM (CycloneDX metadata.authors or metadata.manufacturer; SPDX creationInfo.creators "Person:" / "Organization:").',
      ja: 'SBOMを作成した個人または組織を記載してください（CycloneDXのmetadata.authors/metadata.manufacturer、SPDXのcreationInfo.creatorsの「Person:」「Organization:」）。',
    },
  },
  (doc) =>
    outcome(
      doc.metadata.authors.some((a) => present(a.name) || present(a.email)) ||
        entityHasName(doc.metadata.supplier),
      'metadata.authors',
    ),
);

export const documentAuthorContact = documentCheck(
  'document.author.contact',
  {
    title: { en: 'SBOM creator can be contacted', ja: 'SBOM作成者の連絡先がある' },
    explanation: {
      en: 'A name alone is not enough here: the creator must be reachable by e-mail, or by a URL when there is no e-mail.',
      ja: '名前だけでは足りず、作成者に電子メール（なければURL）で連絡できる必要があります。',
    },
    fix: {
      en: 'Give the SBOM creator an e-mail address (metadata.authors[].email or manufacturer contact), or a URL if there is none.',
      ja: 'SBOM作成者の電子メールアドレス（metadata.authors[].emailまたはmanufacturerの連絡先）を、なければURLを記載してください。',
    },
  },
  (doc) =>
    outcome(
      doc.metadata.authors.some((a) => isEmail(a.email)) || entityHasContact(doc.metadata.supplier),
      'metadata.authors[].email',
    ),
);

export const documentTimestamp = documentCheck(
  'document.timestamp',
  {
    title: { en: 'SBOM has a valid timestamp', ja: 'SBOMに有効なタイムスタンプがある' },
    explanation: {
      en: 'The creation date and time tell readers how current the component list is and which release it belongs to. A time in the future (more than a day after the check) cannot be when the data was assembled: the generating system’s clock was wrong, and the time cannot be trusted.',
      ja: '作成日時から、部品リストがどれだけ新しいか、どのリリースのものかが分かります。未来の日時（チェック時点より1日以上先）はデータをまとめた日時ではあり得ず、生成したシステムの時計が誤っていたことを示すため、信頼できません。',
    },
    fix: {
      en: 'Set the creation time as an ISO 8601 / RFC 3339 date-time with a time zone, e.g. 2026-04-01T09:30:00Z (CycloneDX metadata.timestamp, SPDX creationInfo.created). If it lies in the future, correct the clock of the system that generates the SBOM and generate it again.',
      ja: '作成日時をタイムゾーン付きのISO 8601/RFC 3339形式（例: 2026-04-01T09:30:00Z）で設定してください（CycloneDXのmetadata.timestamp、SPDXのcreationInfo.created）。未来の日時になっている場合は、SBOMを生成するシステムの時計を直してから生成し直してください。',
    },
  },
  (doc, context) => {
    const timestamp = doc.metadata.timestamp;
    if (timestamp === null) return fail('metadata.timestamp');
    if (!isDateTime(timestamp)) return fail(timestamp);
    if (context.now !== undefined && Date.parse(timestamp.trim()) > Date.parse(context.now) + timestampClockSkewMs)
      return fail(`${timestamp} > now (${context.now})`);
    return pass;
  },
);

export const documentToolName = documentCheck(
  'document.tool.name',
  {
    title: { en: 'Generating tool is named', ja: '生成ツール名が記載されている' },
    explanation: {
      en: 'Knowing the tool helps readers understand how the data was collected and what it may have missed.',
      ja: 'どのツールで作ったかが分かると、データの集め方や見落としの可能性を判断できます。',
    },
    fix: {
      en: 'Record the tool that generated or edited the SBOM (CycloneDX metadata.tools, SPDX creator "Tool: name-version").',
      ja: 'SBOMを生成・編集したツールを記載してください（CycloneDXのmetadata.tools、SPDXのcreator「Tool: 名前-バージョン」）。',
    },
  },
  (doc) =>
    outcome(
      doc.metadata.tools.some((t) => present(t.name)),
      'metadata.tools',
    ),
);

export const documentToolVersion = documentCheck(
  'document.tool.version',
  {
    title: { en: 'Generating tool version is given', ja: '生成ツールのバージョンが記載されている' },
    explanation: {
      en: 'Tools change how they find components between versions; the version lets readers reproduce or question the result.',
      ja: 'ツールはバージョンごとに部品の検出方法が変わるため、バージョンがあれば結果を再現・検証できます。',
    },
    fix: {
      en: 'Give a version for every listed tool; write "unknown" if it truly is not known rather than leaving it out.',
      ja: '記載したすべてのツールにバージョンを付けてください。本当に不明なら省略せず「unknown」と書いてください。',
    },
  },
  (doc) => {
    if (doc.metadata.tools.length === 0) return fail('metadata.tools');
    const missing = doc.metadata.tools.filter((t) => !present(t.version)).map((t) => t.name);
    return outcome(missing.length === 0, missing.join(', '));
  },
);

export const documentFormat = documentCheck(
  'document.format',
  {
    title: {
      en: 'Machine-readable format and version are stated',
      ja: '機械可読な形式とそのバージョンが明示されている',
    },
    explanation: {
      en: 'Tools can only process the SBOM automatically if the format (CycloneDX or SPDX) and its version are known.',
      ja: '形式（CycloneDX/SPDX）とそのバージョンが分かって初めて、ツールでSBOMを自動処理できます。',
    },
    fix: {
      en: 'Produce the SBOM in CycloneDX or SPDX and keep the spec version field (specVersion / spdxVersion).',
      ja: 'SBOMをCycloneDXまたはSPDXで作成し、仕様バージョン（specVersion/spdxVersion）を記載してください。',
    },
  },
  (doc) => outcome(present(doc.specVersion), 'specVersion'),
);

/** Minimum format versions, e.g. BSI TR-03183-2 v2.1: CycloneDX 1.6 or SPDX 3.0.1. */
export function documentFormatMinimum(minimum: { readonly cyclonedx: string; readonly spdx: string }) {
  return documentCheck(
    'document.format.minimum',
    {
      title: {
        en: `Format is CycloneDX ≥ ${minimum.cyclonedx} or SPDX ≥ ${minimum.spdx}`,
        ja: `形式がCycloneDX ${minimum.cyclonedx}以上またはSPDX ${minimum.spdx}以上である`,
      },
      explanation: {
        en: 'Older format versions cannot carry some of the required fields (for example the declared/concluded license marker), so they are not accepted.',
        ja: '古い形式のバージョンでは必要な項目（宣言/確定ライセンスの区別など）を表現できないため、認められません。',
      },
      fix: {
        en: `Export the SBOM as CycloneDX ${minimum.cyclonedx} or later (or SPDX ${minimum.spdx} or later).`,
        ja: `SBOMをCycloneDX ${minimum.cyclonedx}以降（またはSPDX ${minimum.spdx}以降）で出力してください。`,
      },
    },
    (doc) => {
      const min = doc.format === 'cyclonedx' ? minimum.cyclonedx : minimum.spdx;
      return outcome(
        present(doc.specVersion) && compareDotted(doc.specVersion, min) >= 0,
        `${doc.format} ${doc.specVersion}`,
      );
    },
  );
}

const uuidUrn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const documentIdentity = documentCheck(
  'document.identity',
  {
    title: { en: 'SBOM has a unique id and version', ja: 'SBOMに一意のIDとバージョンがある' },
    explanation: {
      en: 'A unique document id plus a version number lets readers tell a corrected SBOM from the one it replaces and refer to it from VEX documents.',
      ja: '一意の文書IDと版番号があれば、修正版と旧版を区別でき、VEX文書から参照できます。',
    },
    fix: {
      en: 'CycloneDX: set serialNumber (urn:uuid:…) and version, and raise version for every change. SPDX: give each revision its own documentNamespace.',
      ja: 'CycloneDX: serialNumber（urn:uuid:…）とversionを設定し、変更のたびにversionを上げてください。SPDX: 改訂ごとに別のdocumentNamespaceを付けてください。',
    },
  },
  (doc) => {
    const serial = doc.metadata.serialNumber;
    if (doc.format === 'cyclonedx') {
      if (serial === null || !uuidUrn.test(serial.trim())) return fail(serial ?? 'serialNumber');
      return outcome(doc.metadata.version !== null && doc.metadata.version >= 1, 'version');
    }
    return outcome(present(serial), 'documentNamespace');
  },
);

export const documentGenerationContext = documentCheck(
  'document.generation-context',
  {
    title: {
      en: 'Generation context (lifecycle phase) is stated',
      ja: '生成時点（ライフサイクル段階）が明示されている',
    },
    explanation: {
      en: 'An SBOM made from source code, from a build or from the shipped product lists different things; readers need to know which one they have.',
      ja: 'ソースコード、ビルド、出荷品のどれから作ったかで載る部品が変わるため、どれなのかを示す必要があります。',
    },
    fix: {
      en: 'CycloneDX: add metadata.lifecycles (e.g. phase "build"). SPDX 2.3 has no structured field for this; use CycloneDX 1.5+ or SPDX 3.',
      ja: 'CycloneDX: metadata.lifecycles（例: phase "build"）を追加してください。SPDX 2.3には構造化された項目がないため、CycloneDX 1.5以降かSPDX 3を使ってください。',
    },
  },
  (doc) => outcome(doc.metadata.lifecycles.some(present), 'metadata.lifecycles'),
);

export const documentSignature = documentCheck(
  'document.signature',
  {
    title: { en: 'SBOM is signed by its author', ja: 'SBOMに作成者の電子署名がある' },
    explanation: {
      en: 'A signature proves who issued the SBOM and that nobody changed it on the way. mamori does not read signatures from the model; the caller says whether one exists.',
      ja: '電子署名があれば、誰が発行したか、途中で改ざんされていないかを確認できます。署名の有無はモデルに含まれないため、呼び出し側が伝えます。',
    },
    fix: {
      en: 'Sign the SBOM (CycloneDX JSF signature or a detached signature) and record the signature with the release.',
      ja: 'SBOMに署名（CycloneDXのJSF署名または分離署名）し、その署名をリリースに登録してください。',
    },
  },
  (_doc, context) =>
    context.authorSignaturePresent === undefined
      ? fail('context.missing')
      : outcome(context.authorSignaturePresent, 'signature'),
);

export const documentPrimaryComponent = documentCheck(
  'document.primary-component',
  {
    title: {
      en: 'Primary component (the product) is identified',
      ja: '主コンポーネント（製品自体）が特定されている',
    },
    explanation: {
      en: 'The SBOM must say which product and version it describes; it is the root that every dependency hangs from.',
      ja: 'SBOMがどの製品のどのバージョンを表すかを示す必要があります。すべての依存関係の起点になります。',
    },
    fix: {
      en: 'Describe the product itself with name and version (CycloneDX metadata.component, SPDX documentDescribes).',
      ja: '製品自体を名前とバージョン付きで記載してください（CycloneDXのmetadata.component、SPDXのdocumentDescribes）。',
    },
  },
  (doc) => {
    const primary = doc.metadata.component;
    if (primary === null || !present(primary.name)) return fail('metadata.component');
    return outcome(present(primary.version), 'metadata.component.version');
  },
);

export const documentComponents = documentCheck(
  'document.components',
  {
    title: { en: 'SBOM lists components', ja: 'SBOMにコンポーネントが記載されている' },
    explanation: {
      en: 'An SBOM with no components says nothing about what is inside the product, and every component score would be empty.',
      ja: 'コンポーネントが一つもないSBOMは製品の中身を何も示さず、評価もできません。',
    },
    fix: {
      en: 'Generate the SBOM from the build or the shipped product so that every included component is listed.',
      ja: 'ビルドまたは出荷品からSBOMを生成し、含まれるすべてのコンポーネントを記載してください。',
    },
  },
  (doc) => outcome(countComponents(doc) > 0, 'components'),
);

export const documentDependencies = documentCheck(
  'document.dependencies',
  {
    title: { en: 'Dependency relationships are present', ja: '依存関係が記載されている' },
    explanation: {
      en: 'Without relationships a flat list cannot show which component is included in which, so the impact of a vulnerability cannot be traced to the product.',
      ja: '関係がない平坦な一覧では、どの部品がどこに含まれるかが分からず、脆弱性の影響を製品までたどれません。',
    },
    fix: {
      en: 'Include the dependency graph, starting from the primary component (CycloneDX dependencies[], SPDX relationships DEPENDS_ON / CONTAINS).',
      ja: '主コンポーネントを起点とする依存関係グラフを含めてください（CycloneDXのdependencies[]、SPDXのrelationshipsのDEPENDS_ON/CONTAINS）。',
    },
  },
  (doc) =>
    outcome(
      doc.dependencies.some((d) => d.dependsOn.length > 0),
      'dependencies',
    ),
);

export const documentDependencyRefs = documentCheck(
  'document.dependencies.resolve',
  {
    title: {
      en: 'Dependency references point to listed components',
      ja: '依存関係の参照先がすべて記載されている',
    },
    explanation: {
      en: 'A relationship that names a component which is not in the SBOM is a broken link; the graph is then incomplete or wrong.',
      ja: 'SBOMに存在しない部品を指す関係は切れたリンクで、依存関係グラフが不完全または誤りになります。',
    },
    fix: {
      en: 'Make every ref and dependsOn entry match the bom-ref / SPDXID of a listed component, or add the missing components.',
      ja: 'すべてのref/dependsOnを記載済み部品のbom-ref/SPDXIDに一致させるか、欠けている部品を追加してください。',
    },
  },
  (doc) => {
    if (doc.dependencies.length === 0) return notApplicable;
    const refs = knownRefs(doc);
    const dangling = new Set<string>();
    for (const d of doc.dependencies) {
      if (!refs.has(d.ref)) dangling.add(d.ref);
      for (const r of d.dependsOn) if (!refs.has(r)) dangling.add(r);
    }
    const list = [...dangling].sort();
    return outcome(
      list.length === 0,
      list.slice(0, 5).join(', ') + (list.length > 5 ? ` (+${list.length - 5})` : ''),
    );
  },
);

export const documentVulnerabilityAssessment = documentCheck(
  'document.vulnerability-assessment',
  {
    title: {
      en: 'Known vulnerabilities are assessed in a linked document',
      ja: '既知の脆弱性の評価が別文書で紐づいている',
    },
    explanation: {
      en: 'The SBOM lists parts; the regulator also wants every known vulnerability in them (including CISA KEV entries) with a safety and security assessment and its controls. That lives in a separate VEX/VDR document, not in the SBOM, so mamori asks the caller whether one is linked.',
      ja: 'SBOMは部品の一覧です。規制当局はそれに加えて、既知の脆弱性（CISA KEV掲載分を含む）ごとの安全性・セキュリティ評価と対策を求めます。これはSBOMとは別のVEX/VDR文書なので、紐づいているかを呼び出し側が伝えます。',
    },
    fix: {
      en: 'Run the vulnerability analysis for this release and link the resulting VEX/VDR (or known-vulnerabilities table) to it.',
      ja: 'このリリースの脆弱性分析を行い、その結果のVEX/VDR（または既知脆弱性の一覧表）をリリースに紐づけてください。',
    },
  },
  (_doc, context) =>
    context.vulnerabilityAssessmentLinked === undefined
      ? fail('context.missing')
      : outcome(context.vulnerabilityAssessmentLinked, 'vulnerability-assessment'),
);

// ---------------------------------------------------------------------------------------------
// Component checks

export const componentSupplier = componentCheck(
  'component.supplier',
  {
    title: { en: 'Component supplier is named', ja: 'コンポーネントの供給者が記載されている' },
    explanation: {
      en: 'The supplier is who you ask for fixes and security notices; without it nobody knows whom to contact when a vulnerability appears.',
      ja: '供給者は修正やセキュリティ情報を求める相手です。記載がないと脆弱性が見つかったときに連絡先が分かりません。',
    },
    fix: {
      en: 'Name the organisation or author that supplies the component (CycloneDX supplier.name, SPDX PackageSupplier).',
      ja: 'コンポーネントを供給する組織または作者を記載してください（CycloneDXのsupplier.name、SPDXのPackageSupplier）。',
    },
  },
  (c) => outcome(entityHasName(c.supplier), 'supplier'),
);

export const componentProducer = componentCheck(
  'component.producer',
  {
    title: { en: 'Component producer is named', ja: 'コンポーネントの作成者（生産者）が記載されている' },
    explanation: {
      en: 'The producer is the party that creates and identifies the component and issues its fixes and advisories.',
      ja: '生産者はコンポーネントを作成・識別し、修正や勧告を出す当事者です。',
    },
    fix: {
      en: 'Name the component creator (CycloneDX manufacturer/authors, SPDX PackageOriginator); the supplier is accepted when it is the same party.',
      ja: 'コンポーネントの作成者を記載してください（CycloneDXのmanufacturer/authors、SPDXのPackageOriginator）。同じ当事者であれば供給者の記載でも構いません。',
    },
  },
  (c) => outcome(present(c.author) || entityHasName(c.supplier), 'author'),
);

export const componentCreatorContact = componentCheck(
  'component.creator.contact',
  {
    title: { en: 'Component creator can be contacted', ja: 'コンポーネント作成者の連絡先がある' },
    explanation: {
      en: 'The creator must be reachable, by e-mail or else by URL, so that security questions can be sent to the right place.',
      ja: 'セキュリティの問い合わせを正しく送れるよう、作成者に電子メール（なければURL）で連絡できる必要があります。',
    },
    fix: {
      en: 'Add an e-mail address or URL for the component creator (supplier.contact[].email / supplier.url, or in the author text).',
      ja: 'コンポーネント作成者の電子メールアドレスまたはURLを記載してください（supplier.contact[].email/supplier.url、または作成者欄）。',
    },
  },
  (c) => outcome(textHasContact(c.author) || entityHasContact(c.supplier), 'supplier.contact'),
);

export const componentName = componentCheck(
  'component.name',
  {
    title: { en: 'Component name is given', ja: 'コンポーネント名が記載されている' },
    explanation: {
      en: 'The name is the first key for finding a component in vulnerability databases and supplier notices.',
      ja: '名前は脆弱性データベースや供給者の通知で部品を探すための基本的な手がかりです。',
    },
    fix: {
      en: 'Use the name the original supplier gives the component.',
      ja: '元の供給者が付けた名前を記載してください。',
    },
  },
  (c) => outcome(present(c.name), 'name'),
);

export const componentVersion = componentCheck(
  'component.version',
  {
    title: { en: 'Component version is given', ja: 'コンポーネントのバージョンが記載されている' },
    explanation: {
      en: 'Vulnerabilities affect specific versions; without the version a match is only a guess.',
      ja: '脆弱性は特定のバージョンに影響するため、バージョンがないと照合は推測にすぎません。',
    },
    fix: {
      en: 'Record the supplier\'s version string (CycloneDX version, SPDX versionInfo); write "unknown" explicitly if it cannot be found.',
      ja: '供給者のバージョン文字列を記載してください（CycloneDXのversion、SPDXのversionInfo）。判明しない場合は明示的に「unknown」と書いてください。',
    },
  },
  (c) => outcome(present(c.version), 'version'),
);

export const componentIdentifier = componentCheck(
  'component.identifier',
  {
    title: {
      en: 'Component has a unique identifier (purl, CPE or SWID)',
      ja: 'コンポーネントに一意の識別子（purl/CPE/SWID）がある',
    },
    explanation: {
      en: 'Names are ambiguous across ecosystems; a purl, CPE or SWID tag is the look-up key that vulnerability databases use.',
      ja: '名前はエコシステム間で重複しがちです。purl、CPE、SWIDタグは脆弱性データベースで引くための鍵になります。',
    },
    fix: {
      en: 'Add a package URL (purl) for each component; add a CPE where the NVD is the main source (CycloneDX purl/cpe/swid, SPDX externalRefs).',
      ja: '各コンポーネントにpurlを付け、NVDが主な情報源の部品にはCPEも付けてください（CycloneDXのpurl/cpe/swid、SPDXのexternalRefs）。',
    },
  },
  (c) => outcome(hasIdentifier(c), 'purl|cpe|swid'),
);

export const componentIdentifierSyntax = componentCheck(
  'component.identifier.syntax',
  {
    title: { en: 'purl and CPE are well-formed', ja: 'purlとCPEの書式が正しい' },
    explanation: {
      en: 'A malformed identifier looks present but matches nothing, so vulnerabilities are silently missed.',
      ja: '書式の誤った識別子は、あるように見えて何にも一致せず、脆弱性を黙って見逃す原因になります。',
    },
    fix: {
      en: 'Write purls as pkg:type/namespace/name@version (percent-encode special characters) and CPEs in the 2.3 formatted-string form.',
      ja: 'purlはpkg:type/namespace/name@version形式（特殊文字はパーセントエンコード）、CPEは2.3形式文字列で記載してください。',
    },
  },
  (c) => {
    if (!present(c.purl) && !present(c.cpe)) return notApplicable;
    if (present(c.purl)) {
      const problem = purlProblem(c.purl.trim());
      if (problem !== null) return fail(`${problem}: ${c.purl}`);
    }
    if (present(c.cpe) && !isWellFormedCpe(c.cpe)) return fail(`cpe: ${c.cpe}`);
    return pass;
  },
);

export const componentRelationship = componentCheck(
  'component.relationship',
  {
    title: {
      en: 'Component is placed in the dependency graph',
      ja: 'コンポーネントが依存関係グラフに位置づけられている',
    },
    explanation: {
      en: 'Each component should be shown as included in something (the product or another component); an unlinked component cannot be traced to the product.',
      ja: '各コンポーネントは何か（製品または他の部品）に含まれることが示されるべきです。つながっていない部品は製品までたどれません。',
    },
    fix: {
      en: 'List the component in the dependsOn of the component that includes it (SPDX: a DEPENDS_ON / CONTAINS relationship), or nest it under its parent.',
      ja: 'その部品を含む部品のdependsOnに記載するか（SPDX: DEPENDS_ON/CONTAINS関係）、親の下に入れ子にしてください。',
    },
  },
  (c, doc) => {
    const index = dependencyIndex(doc);
    return outcome(index.dependedOn.has(c.bomRef) || index.nested.has(c.bomRef), 'dependencies');
  },
);

export const componentDependenciesStated = componentCheck(
  'component.dependencies.stated',
  {
    title: {
      en: "Component's own dependencies are stated",
      ja: 'コンポーネント自身の依存関係が明示されている',
    },
    explanation: {
      en: 'Every component needs its own dependency entry, even an empty one meaning "depends on nothing", so readers can tell "none" from "not recorded".',
      ja: '各コンポーネントに自身の依存関係の記載が必要です。空の記載は「依存なし」を意味し、「未記録」と区別できます。',
    },
    fix: {
      en: 'Give every component a dependencies[] entry with its direct dependencies (an empty dependsOn when it has none).',
      ja: 'すべてのコンポーネントに直接の依存先を列挙したdependencies[]の記載を設けてください（依存がなければ空のdependsOn）。',
    },
  },
  (c, doc) => outcome(dependencyIndex(doc).withEntry.has(c.bomRef), 'dependencies[].ref'),
);

export const componentHash = componentCheck(
  'component.hash',
  {
    title: { en: 'Component has a cryptographic hash', ja: 'コンポーネントに暗号学的ハッシュがある' },
    explanation: {
      en: 'A hash pins the exact file that was shipped, so a look-alike or tampered component can be detected. It counts when its algorithm is named and its value is a complete digest of that algorithm; an empty or malformed value does not. The sources name no algorithm, so MD5 and SHA-1 count here; the hash-strength check flags them.',
      ja: 'ハッシュは出荷した正確なファイルを特定し、似た別物や改ざんされた部品を見分けられるようにします。アルゴリズムが記載され、値がそのアルゴリズムの完全なダイジェストである場合に数えます。空の値や形式の誤った値は数えません。出典はアルゴリズムを指定していないため、ここではMD5とSHA-1も数えますが、ハッシュ強度のチェックで指摘します。',
    },
    fix: {
      en: "Add a hash of each component's artefact with its algorithm, written as the full hex digest (CycloneDX hashes, SPDX checksums). Use SHA-256 or stronger: MD5 and SHA-1 are flagged as weak.",
      ja: '各コンポーネントの成果物のハッシュを、アルゴリズム付きで完全な16進ダイジェストとして記載してください（CycloneDXのhashes、SPDXのchecksums）。MD5とSHA-1は弱いと指摘されるため、SHA-256以上を使ってください。',
    },
  },
  (c) => {
    const hashes = allHashes(c);
    if (hashes.some(isWellFormedHash)) return pass;
    if (hashes.length === 0) return fail('hashes');
    // Only malformed values: name them (algorithm and the start of the value).
    return fail(hashes.map((h) => `${h.alg} "${h.content.length > 24 ? `${h.content.slice(0, 24)}…` : h.content}"`).join(', '));
  },
);

export const componentHashStrong = componentCheck(
  'component.hash.strong',
  {
    title: { en: 'Component hash uses a strong algorithm', ja: 'コンポーネントのハッシュが強いアルゴリズムによる' },
    explanation: {
      en: 'MD5 and SHA-1 collisions can be computed: a file with the same MD5 or SHA-1 value may be a different file, so these hashes no longer show that a component was not replaced. At least one hash should be SHA-256 or stronger (SHA-384, SHA-512, SHA-3, BLAKE2b, BLAKE3).',
      ja: 'MD5とSHA-1は衝突を計算で作れるため、同じ値でも別のファイルの可能性があり、部品が差し替えられていないことを示せません。少なくとも1つのハッシュはSHA-256以上（SHA-384、SHA-512、SHA-3、BLAKE2b、BLAKE3）であるべきです。',
    },
    fix: {
      en: "Add a SHA-256 (or stronger) hash of the component's artefact; a component whose only hashes are MD5 or SHA-1 does not pass (CycloneDX hashes, SPDX checksums).",
      ja: '部品の成果物のSHA-256（以上）のハッシュを追加してください。MD5またはSHA-1のハッシュしかない部品は合格しません（CycloneDXのhashes、SPDXのchecksums）。',
    },
  },
  (c) => {
    const wellFormed = allHashes(c).filter(isWellFormedHash);
    // Without a usable hash the presence check fails; there is no algorithm to judge.
    if (wellFormed.length === 0) return notApplicable;
    if (wellFormed.some((h) => !weakHashAlgorithms.has(h.alg))) return pass;
    return fail([...new Set(wellFormed.map((h) => h.alg))].join(', '));
  },
);

/**
 * Where a profile's source asks for a cryptographic hash without naming an algorithm (CISA 2026,
 * FDA through the NTIA baseline), the strength of the algorithm is a recommendation, cited to the
 * rule that says it for the same kind of hash: CSAF 2.0 warns when MD5 or SHA-1 is the only hash
 * algorithm of a product's file (§6.2.8, §6.2.9).
 */
export const weakHashSource = {
  document: sameInBothLanguages('OASIS CSAF 2.0'),
  section: '§6.2.8 and §6.2.9 — MD5 or SHA-1 as the only hash algorithm (a warning there, applied here to component hashes)',
} as const;

export const componentHashSha512 = componentCheck(
  'component.hash.sha512',
  {
    title: { en: 'SHA-512 hash of the deployable form', ja: '配布形態のSHA-512ハッシュがある' },
    explanation: {
      en: 'This profile asks specifically for SHA-512 over the component exactly as it is delivered, so users can verify what they install.',
      ja: 'このプロファイルは、納品されるままの形態に対するSHA-512を求めます。利用者はインストールするものを検証できます。',
    },
    fix: {
      en: 'Compute SHA-512 of the deployable file and add it (CycloneDX hashes or externalReferences[type=distribution].hashes).',
      ja: '配布ファイルのSHA-512を計算して記載してください（CycloneDXのhashesまたはexternalReferences[type=distribution].hashes）。',
    },
  },
  (c) =>
    outcome(
      allHashes(c).some((h) => h.alg === 'SHA-512' && /^[0-9a-f]{128}$/i.test(h.content)),
      'SHA-512',
    ),
);

export const componentLicense = componentCheck(
  'component.license',
  {
    title: { en: 'Component license is stated', ja: 'コンポーネントのライセンスが記載されている' },
    explanation: {
      en: 'The license tells users under which terms the component may be used and shipped.',
      ja: 'ライセンスは、その部品をどの条件で使用・配布できるかを示します。',
    },
    fix: {
      en: 'Add the license as an SPDX license id or expression (CycloneDX licenses, SPDX licenseConcluded / licenseDeclared).',
      ja: 'ライセンスをSPDXライセンスIDまたは式で記載してください（CycloneDXのlicenses、SPDXのlicenseConcluded/licenseDeclared）。',
    },
  },
  (c) => outcome(c.licenses.some(isStatedLicense), 'licenses'),
);

export const componentLicenseSyntax = componentCheck(
  'component.license.syntax',
  {
    title: {
      en: 'License expressions are valid SPDX (syntax and listed ids)',
      ja: 'ライセンス式がSPDXとして正しい（構文とSPDXライセンスリストのID）',
    },
    explanation: {
      en: 'Free-text licenses cannot be checked by tools; an SPDX expression can, but only when every id in it is on the SPDX License List (and every WITH exception on its exception list). Tools reject other ids, such as "Proprietary" or "GPL".',
      ja: '自由記述のライセンスはツールで確認できませんが、SPDX式なら確認できます。ただし、式中のIDがすべてSPDXライセンスリスト（WITHの例外はSPDX例外リスト）にある場合に限ります。「Proprietary」や「GPL」のようなリストにないIDはツールに拒否されます。',
    },
    fix: {
      en: 'Write licenses as SPDX License List ids joined by AND / OR / WITH (e.g. "MIT OR Apache-2.0"); use LicenseRef-… (CycloneDX: license.name) for licenses without an id.',
      ja: 'ライセンスはSPDXライセンスリストのIDをAND/OR/WITHでつないで記載し（例: "MIT OR Apache-2.0"）、IDのないライセンスにはLicenseRef-…（CycloneDXではlicense.name）を使ってください。',
    },
  },
  (c) => {
    const expressions = c.licenses.map((l) => l.expression).filter(present);
    if (expressions.length === 0) return notApplicable;
    for (const e of expressions) {
      const problem = spdxExpressionProblem(e);
      if (problem !== null) return fail(`${problem}: ${e}`);
    }
    return pass;
  },
);

export const componentLicenseCurrent = componentCheck(
  'component.license.current',
  {
    title: { en: 'License ids are not deprecated', ja: '非推奨のライセンスIDを使っていない' },
    explanation: {
      en: 'The SPDX License List keeps some old ids only as deprecated (e.g. "GPL-2.0", "GPL-2.0+"): they are valid, but they leave open what the newer ids state ("GPL-2.0-only" or "GPL-2.0-or-later").',
      ja: 'SPDXライセンスリストには非推奨として残されている古いID（例: "GPL-2.0"、"GPL-2.0+"）があります。有効ではありますが、新しいID（"GPL-2.0-only"または"GPL-2.0-or-later"）が明示する内容があいまいなままになります。',
    },
    fix: {
      en: 'Replace each deprecated id with the current id the SPDX License List names for it (e.g. "GPL-2.0" → "GPL-2.0-only", "GPL-2.0+" → "GPL-2.0-or-later").',
      ja: '非推奨のIDを、SPDXライセンスリストが示す現行のIDに置き換えてください（例: "GPL-2.0" → "GPL-2.0-only"、"GPL-2.0+" → "GPL-2.0-or-later"）。',
    },
  },
  (c) => {
    const checked = c.licenses.flatMap((l) => (l.expression === null ? [] : [checkSpdxExpression(l.expression)]));
    // Invalid expressions are component.license.syntax's finding; only valid ones are looked at here.
    const valid = checked.flatMap((x) => (x.ok ? [x] : []));
    if (valid.length === 0) return notApplicable;
    const deprecated = [...new Set(valid.flatMap((x) => x.deprecated))];
    return deprecated.length === 0 ? pass : fail(`spdx.deprecated: ${deprecated.join(', ')}`);
  },
);

function licenseWithAcknowledgement(c: Component, ack: 'declared' | 'concluded'): boolean {
  return c.licenses.some((l) => l.acknowledgement === ack && isStatedLicense(l));
}

export const componentLicenseConcluded = componentCheck(
  'component.license.concluded',
  {
    title: {
      en: 'Distribution (concluded) license is stated',
      ja: '配布ライセンス（確定ライセンス）が記載されている',
    },
    explanation: {
      en: 'The license under which you actually distribute the component, after your own review, as an SPDX id or expression.',
      ja: '自社の確認を経て実際に配布するときのライセンスを、SPDX IDまたは式で示します。',
    },
    fix: {
      en: 'Add the license with acknowledgement "concluded" (CycloneDX 1.6) or licenseConcluded (SPDX), as a valid SPDX expression.',
      ja: 'acknowledgement "concluded"（CycloneDX 1.6）またはlicenseConcluded（SPDX）として、正しいSPDX式でライセンスを記載してください。',
    },
  },
  (c) => outcome(licenseWithAcknowledgement(c, 'concluded'), 'licenses[acknowledgement=concluded]'),
);

export const componentLicenseDeclared = componentCheck(
  'component.license.declared',
  {
    title: {
      en: 'Original (declared) license is stated',
      ja: '元のライセンス（宣言ライセンス）が記載されている',
    },
    explanation: {
      en: "The license the component's creator declared, kept apart from your concluded one, so both can be compared.",
      ja: '作成者が宣言したライセンスを、確定ライセンスとは別に示します。両者を比べられるようにするためです。',
    },
    fix: {
      en: 'Add the creator\'s license with acknowledgement "declared" (CycloneDX 1.6) or licenseDeclared (SPDX).',
      ja: '作成者のライセンスをacknowledgement "declared"（CycloneDX 1.6）またはlicenseDeclared（SPDX）として記載してください。',
    },
  },
  (c) => outcome(licenseWithAcknowledgement(c, 'declared'), 'licenses[acknowledgement=declared]'),
);

export const componentSupportLevel = componentCheck(
  'component.support-level',
  {
    title: { en: 'Level of support is stated', ja: 'サポートレベルが記載されている' },
    explanation: {
      en: 'Whether the component is still maintained (actively maintained, no longer maintained, abandoned) tells the regulator and hospitals whether fixes will keep coming.',
      ja: '部品がまだ保守されているか（積極的に保守、保守終了、放棄）によって、今後修正が提供されるかが分かります。',
    },
    fix: {
      en: "Record the support level in mamori (Components tab → the component's panel → Support level; this works for a supplier's SBOM you cannot change), or in the SBOM as the property mamori:support:level; FDA also accepts it in an addendum.",
      ja: 'mamoriでサポートレベルを登録する（コンポーネントタブ → コンポーネントのパネル → サポートレベル。変更できない供給者のSBOMでも使えます）か、SBOMにプロパティmamori:support:levelとして記載してください。FDAは別紙（アデンダム）での提出も認めています。',
    },
  },
  (c) => outcome(present(c.supportLevel), 'supportLevel'),
);

export const componentEndOfSupport = componentCheck(
  'component.end-of-support',
  {
    title: { en: 'End-of-support date is stated', ja: 'サポート終了日が記載されている' },
    explanation: {
      en: 'After this date the supplier stops fixing the component and the risk moves to the manufacturer; upgrade plans are built on it.',
      ja: 'この日以降は供給者が修正を提供せず、リスクは製造販売業者に移ります。アップグレード計画の基礎になります。',
    },
    fix: {
      en: "Record the end-of-support date in mamori (Components tab → the component's panel → End of support; this works for a supplier's SBOM you cannot change), or in the SBOM as YYYY-MM-DD (CycloneDX property cdx:lifecycle:milestone:endOfSupport, SPDX validUntilDate).",
      ja: 'mamoriでサポート終了日を登録する（コンポーネントタブ → コンポーネントのパネル → サポート終了日。変更できない供給者のSBOMでも使えます）か、SBOMにYYYY-MM-DD形式で記載してください（CycloneDXのプロパティcdx:lifecycle:milestone:endOfSupport、SPDXのvalidUntilDate）。',
    },
  },
  (c) => (c.endOfSupport === null ? fail('endOfSupport') : outcome(isDate(c.endOfSupport), c.endOfSupport)),
);

/** A BSI taxonomy property that must appear exactly once with one of the allowed values. */
export function componentBsiProperty(
  name: string,
  allowed: readonly string[],
  title: LocalizedText,
  explanation: LocalizedText,
) {
  const id = `component.${name.replace(/:/g, '.')}`;
  return componentCheck(
    id,
    {
      title,
      explanation,
      fix: {
        en: `Add the property ${name} exactly once, with one of: ${allowed.join(', ')}.`,
        ja: `プロパティ${name}を1回だけ、次のいずれかの値で追加してください: ${allowed.join('、')}。`,
      },
    },
    (c) => {
      const values = propertyValues(c, name);
      if (values.length !== 1) return fail(`${name} ×${values.length}`);
      return outcome(allowed.includes(values[0]!), `${name}=${values[0]!}`);
    },
  );
}

export const componentFilename = componentCheck(
  'component.filename',
  {
    title: { en: 'File name of the component is given', ja: 'コンポーネントのファイル名が記載されている' },
    explanation: {
      en: 'The actual file name (without a path) lets people find the component on a device or in a delivery.',
      ja: '実際のファイル名（パスなし）があれば、装置や納品物の中で部品を見つけられます。',
    },
    fix: {
      en: 'Add the property bsi:component:filename with the file name only (SPDX: packageFileName).',
      ja: 'プロパティbsi:component:filenameにファイル名のみを記載してください（SPDX: packageFileName）。',
    },
  },
  (c) => {
    const values = propertyValues(c, 'bsi:component:filename');
    if (values.length !== 1) return fail(`bsi:component:filename ×${values.length}`);
    const v = values[0]!;
    return outcome(present(v) && !/[\\/]/.test(v), v);
  },
);

function hasReference(c: Component, types: readonly string[]): boolean {
  return c.externalReferences.some((r) => types.includes(r.type) && present(r.url));
}

export const componentSourceUri = componentCheck(
  'component.source-uri',
  {
    title: { en: 'Source code location is given', ja: 'ソースコードの所在が記載されている' },
    explanation: {
      en: 'Knowing where the source is lets others inspect, rebuild or patch the component.',
      ja: 'ソースの所在が分かれば、部品を調査・再ビルド・修正できます。',
    },
    fix: {
      en: 'Add an external reference of type vcs or source-distribution with the URL of the source code.',
      ja: '種類vcsまたはsource-distributionの外部参照として、ソースコードのURLを追加してください。',
    },
  },
  (c) =>
    outcome(hasReference(c, ['vcs', 'source-distribution']), 'externalReferences[vcs|source-distribution]'),
);

export const componentDeployableUri = componentCheck(
  'component.deployable-uri',
  {
    title: {
      en: 'Download location of the deployable form is given',
      ja: '配布形態の入手先が記載されている',
    },
    explanation: {
      en: 'The URL of the file as delivered lets users fetch it and compare it with the hash.',
      ja: '納品されるファイルのURLがあれば、入手してハッシュと照合できます。',
    },
    fix: {
      en: 'Add an external reference of type distribution with the download URL (SPDX: downloadLocation).',
      ja: '種類distributionの外部参照として入手先URLを追加してください（SPDX: downloadLocation）。',
    },
  },
  (c) =>
    outcome(hasReference(c, ['distribution', 'distribution-intake']), 'externalReferences[distribution]'),
);
