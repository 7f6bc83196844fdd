/**
 * The security risk report from the Threat Dragon pump fixture: HTML is self-contained with the
 * Japanese section titles, the diagram as SVG and the gaps highlighted; the register and matrix CSV
 * open in Excel (BOM, CRLF, localised headers, formula-safe); PDF text (pdftotext) holds Japanese.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Control, SecurityRequirement, VerificationTest } from '../../core/threats/register.js';
import { evaluateRisk, type RiskAssessment } from '../../core/threats/risk.js';
import { defaultRiskScales } from '../../core/threats/scales.js';
import { emptySecurityContext } from '../../core/threats/security-context.js';
import { readThreatDragon } from '../../core/threats/threat-dragon.js';
import { buildTraceability } from '../../core/threats/traceability.js';
import { defaultChromiumPath } from '../compliance/pdf.js';
import { renderThreatReport } from './index.js';
import { diagramSvg, wrapLabel } from './svg.js';
import type { ThreatReportData } from './model.js';

const read = readThreatDragon(JSON.parse(readFileSync(new URL('../../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8')));
if (!read.ok) throw new Error('fixture does not parse');
const model = read.model;
const at = '2026-11-20T00:00:00.000Z';
const spoof: RiskAssessment = {
  threatId: 't-spoof',
  likelihood: 3,
  impact: 4,
  residualLikelihood: 1,
  residualImpact: 4,
  hazard: { hazardId: 'HAZ-7', hazard: '誤投与', harm: '過量投与', severity: 4 },
  rationale: '=HYPERLINK("x")',
  acceptance: { acceptedBy: '佐藤', acceptedAt: at, rationale: '臨床上の便益が上回る' },
};
const spoofEval = evaluateRisk(defaultRiskScales, spoof);
const control: Control = { id: 'c1', productId: 'p1', ref: 'SC-1', title: 'Badge + PIN', description: '', type: 'design', status: 'implemented', threatIds: ['t-spoof'], createdAt: at, updatedAt: at };
const requirement: SecurityRequirement = { id: 'r1', productId: 'p1', ref: 'SR-1', title: 'Authenticate', text: '', controlIds: ['c1'], reviewStatus: 'approved', reviews: [], createdAt: at, updatedAt: at };
const test: VerificationTest = { id: 'v1', productId: 'p1', ref: 'VT-1', title: 'Badge', kind: 'threat_mitigation', procedure: '', requirementIds: ['r1'], threatIds: [], result: 'failed', executedOn: '2026-11-21', tester: 'Lab', independence: 'different_organization', notes: '', createdAt: at, updatedAt: at };
const draft: SecurityRequirement = { ...requirement, id: 'r2', ref: 'SR-2', title: 'Lock out', reviewStatus: 'draft' };
// A penetration test linked to the threat directly, with an inconclusive result.
const pen: VerificationTest = { ...test, id: 'v2', ref: 'PT-1', title: 'Pen test', kind: 'penetration', requirementIds: [], threatIds: ['t-spoof'], result: 'inconclusive' };
const matrix = buildTraceability({ elements: model.elements, threats: model.threats, risks: new Map([['t-spoof', spoofEval]]), controls: [control], requirements: [requirement, draft], tests: [test, pen] });
const names = new Map(model.elements.map((e) => [e.id, e.name]));
const data: ThreatReportData = {
  organization: { id: 'o1', name: '例示医療機器株式会社' },
  product: { id: 'p1', organizationId: 'o1', name: '輸液ポンプ <IP-100>', modelNumbers: ['IP-100'], manufacturer: 'Example', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '', createdAt: '', updatedAt: '', archivedAt: null },
  context: { ...emptySecurityContext(), networkEnvironment: '院内LAN（閉域）', interfaces: [{ name: 'Ethernet', kind: 'network', external: true, crossesTrustBoundary: true, description: '' }], capabilities: { AUTH: { answer: 'yes', note: 'PIN' } } },
  version: { id: 'v1', productId: 'p1', version: 2, label: '1.0 リリース', releaseId: null, elementCount: model.elements.length, threatCount: model.threats.length, frozenAt: null, createdAt: at, createdBy: 'x', updatedAt: at, model },
  register: {
    productId: 'p1',
    threatModel: { id: 'v1', productId: 'p1', version: 2, label: '1.0', releaseId: null, elementCount: 0, threatCount: 0, frozenAt: null, createdAt: at, createdBy: 'x', updatedAt: at },
    scales: defaultRiskScales,
    items: model.threats.map((x) => ({
      threatId: x.id,
      threatTitle: x.title,
      elementId: x.elementId,
      elementName: names.get(x.elementId) ?? '',
      category: x.category,
      status: x.status,
      assessment: x.id === 't-spoof' ? { ...spoof, id: 'k1', updatedAt: at } : null,
      evaluation: x.id === 't-spoof' ? spoofEval : null,
    })),
    orphaned: [],
  },
  matrix,
  generatedAt: '2026-11-29T05:00:00.000Z',
  generatedBy: '監査 太郎 <auditor@pmda.example.jp>',
};
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
/** Enum values that must never reach a document as they are (STRIDE, method, control type, review, test kind and result, risk level). */
const rawEnum = /\b(spoofing|tampering|repudiation|information_disclosure|denial_of_service|elevation_of_privilege|stride|design|defense_in_depth|compensating|information_for_users|draft|in_review|approved|rejected|not_run|passed|failed|inconclusive|security_requirement|threat_mitigation|vulnerability|penetration|alara|unacceptable|acceptable|not_applicable|mitigated)\b/;
/** The text of an HTML document, without its style sheet, tags or SVG attributes. */
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('security risk report', () => {
  it('HTML: self-contained, escaped, four sections in Japanese, diagram as SVG, gaps highlighted', async () => {
    const file = await renderThreatReport(data, { format: 'html', lang: 'ja' });
    expect(file.mediaType).toMatch(/text\/html/);
    const html = decode(file.bytes);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('セキュリティリスク報告書 — 輸液ポンプ &lt;IP-100&gt;');
    for (const h of ['1. 製品のセキュリティコンテキスト', '2. 脅威モデル', '3. セキュリティリスク台帳', '4. トレーサビリティマトリクス', '構成要素ごとの脅威', 'データフロー'])
      expect(html).toContain(h);
    expect(html).toContain('院内LAN（閉域）');
    expect(html).toMatch(/<svg [^>]*aria-label="Pump data flow"/);
    expect(html).toContain('<tspan x="350" y="83.5">Pump</tspan><tspan x="350" y="96.5">controller</tspan></text>');
    expect(html).toContain('Nurse impersonated');
    expect(html).toContain('HAZ-7 誤投与');
    expect(html).toContain('佐藤 (2026-11-20)');
    expect(html).toContain('テスト不合格 / テスト結果が判定不能</td>');
    expect(html).toContain('リスク未評価');
    expect(html).toContain("font-family: 'IPAexGothic'");
    const en = decode((await renderThreatReport(data, { format: 'html', lang: 'en' })).bytes);
    expect(en).toContain('Security risk report');
    expect(en).toContain('4. Traceability matrix');
    expect(en).toContain('Test failed');
    expect(en).not.toContain('セキュリティリスク報告書');
  });

  it('Japanese HTML: no raw enum values, the gaps in Japanese, readable times, author and document control', async () => {
    const html = decode((await renderThreatReport(data, { format: 'html', lang: 'ja' })).bytes);
    const text = textOf(html);
    expect(text.match(rawEnum)).toBeNull();
    expect(text).toContain('なりすまし');
    expect(html).toContain('<td>手法</td><td>STRIDE</td>');
    expect(text).toContain('SC-1 (セキュア設計)');
    expect(text).toContain('[ドラフト]');
    expect(text).toContain('PT-1 判定不能 2026-11-21 (ペネトレーションテスト)');
    // The list of gaps, worded in Japanese from kind, subject and value.
    expect(html).toContain('<td>テスト結果が判定不能</td><td>テスト PT-1 の結果は判定不能。</td>');
    expect(html).toContain('<td>テスト不合格</td><td>テスト VT-1 は不合格。</td>');
    expect(html).toContain('<td>要求が未承認</td><td>セキュリティ要求 SR-2 は「ドラフト」で、承認されていない。</td>');
    expect(html).toContain('<td>テストなし</td><td>セキュリティ要求 SR-2 に検証テストがない。</td>');
    expect(text).not.toMatch(/Test |Requirement |Control |Threat "/);
    // Times as in the gap analysis; who generated it; the document-control block.
    expect(html).toContain('<td>作成日時</td><td>2026-11-29 05:00:00 UTC</td>');
    expect(html).toContain('<td>作成者</td><td>監査 太郎 &lt;auditor@pmda.example.jp&gt;</td>');
    expect(html).not.toContain('2026-11-29T05:00:00.000Z');
    expect(html).toContain('<h3>文書管理</h3>');
    for (const w of ['文書番号', '版', '作成', '確認', '承認']) expect(html).toContain(`<td>${w}</td>`);
    // Threat ids never break ("T-" / "01"), the register's narrow columns have fixed widths.
    expect(html).toMatch(/<td class="id">t-spoof<\/td><td>Nurse impersonated/);
    expect(html).toMatch(/<table class="register"><colgroup>(<col style="width:\d+%">){10}<\/colgroup>/);
    expect(html).toContain('<td class="kw ok">はい</td>');

    const en = decode((await renderThreatReport(data, { format: 'html', lang: 'en' })).bytes);
    expect(textOf(en)).not.toMatch(/\b(spoofing|defense_in_depth|threat_mitigation|not_run|stride)\b/);
    expect(en).toContain('<td>Test inconclusive</td><td>Test PT-1 was inconclusive.</td>');
    expect(en).toContain('<td>Requirement not approved</td><td>Requirement SR-2 is draft, not approved.</td>');
    expect(en).toContain('<td>Generated by</td><td>監査 太郎 &lt;auditor@pmda.example.jp&gt;</td>');
    expect(en).toContain('<h3>Document control</h3>');
    expect(textOf(en)).toContain('PT-1 Inconclusive 2026-11-21 (Penetration test)');
  });

  it('diagram: flows end at the edge of their elements, names wrap inside their shape and sit on top', () => {
    const svg = diagramSvg(
      { id: 'd', title: 'D' } as Parameters<typeof diagramSvg>[0],
      [
        { id: 'a', diagramId: 'd', kind: 'actor', name: 'Nurse', position: { x: 0, y: 0 }, size: { width: 100, height: 60 }, source: null, target: null, vertices: [] },
        { id: 'p', diagramId: 'd', kind: 'process', name: 'Motor controller (FreeRTOS)', position: { x: 300, y: 0 }, size: { width: 100, height: 60 }, source: null, target: null, vertices: [] },
        { id: 'f', diagramId: 'd', kind: 'flow', name: 'Cmd', source: { elementId: 'a' }, target: { elementId: 'p' }, vertices: [] },
      ] as unknown as Parameters<typeof diagramSvg>[1],
      'D',
    );
    // Centre to centre was 50,30 → 350,30; edge to edge is 100,30 → 300,30.
    expect(svg).toContain('points="100,30 300,30"');
    expect(svg).toContain('<tspan x="350" y="17">Motor</tspan><tspan x="350" y="30">controller</tspan><tspan x="350" y="43">(FreeRTOS)</tspan>');
    expect(svg.indexOf('<polyline')).toBeLessThan(svg.indexOf('>Nurse<'));
    expect(wrapLabel('輸液ポンプ制御部', 40, 11)).toEqual(['輸液ポ', 'ンプ制', '御部']);
  });

  it('CSV: the register and the matrix, BOM, CRLF, localised headers, formula-safe', async () => {
    const reg = await renderThreatReport(data, { format: 'csv', lang: 'ja', part: 'register' });
    expect(reg.mediaType).toMatch(/text\/csv/);
    expect([...reg.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = decode(reg.bytes).split('\r\n').filter((l) => l !== '');
    expect(lines[0]!.startsWith('"ID","脅威","構成要素","カテゴリ","状況","対策前 (L×I) L"')).toBe(true);
    expect(lines).toHaveLength(1 + model.threats.length);
    const row = lines.find((l) => l.startsWith('"t-spoof"'))!;
    expect(row).toContain('"HAZ-7","誤投与","過量投与","\'=HYPERLINK(""x"")"');
    expect(row).toContain('"佐藤"');
    const trace = decode((await renderThreatReport(data, { format: 'csv', lang: 'en', part: 'trace' })).bytes).split('\r\n').filter((l) => l !== '');
    expect(trace[0]).toContain('"Requirements: Review"');
    expect(trace.find((l) => l.startsWith('"t-spoof"'))).toContain('"SC-1","Secure design","SR-1","Approved","VT-1","Threat mitigation test","Failed","2026-11-21","Requirement not approved / Requirement without test / Test failed / Test inconclusive"');
    expect(trace.find((l) => l.includes('"PT-1"'))).toContain('"Spoofing","Open"');
    expect(trace.find((l) => l.includes('"PT-1"'))).toContain('"","","","","PT-1","Penetration test","Inconclusive","2026-11-21"');
    // The Japanese CSVs: categories, control types, review statuses, test kinds and results in words.
    const regJa = decode(reg.bytes);
    expect(regJa).toContain('"なりすまし"');
    const traceJa = decode((await renderThreatReport(data, { format: 'csv', lang: 'ja', part: 'trace' })).bytes);
    expect(traceJa).toContain('"SC-1","セキュア設計","SR-2","ドラフト"');
    expect(traceJa).toContain('"PT-1","ペネトレーションテスト","判定不能"');
    expect(traceJa).toContain('テスト不合格 / テスト結果が判定不能');
    expect(traceJa).not.toMatch(rawEnum);
    expect(trace.find((l) => l.startsWith('"t-tamper"'))).toContain('No risk estimate');
  });

  it('CSV: a control traced to no threat and a requirement derived from no control get lines of their own', async () => {
    const lone: Control = { ...control, id: 'c9', ref: 'SC-9', threatIds: [] };
    const loose: SecurityRequirement = { ...draft, id: 'r9', ref: 'SR-9', controlIds: [] };
    const withOrphans = { ...data, matrix: buildTraceability({ elements: model.elements, threats: model.threats, risks: new Map([['t-spoof', spoofEval]]), controls: [control, lone], requirements: [requirement, draft, loose], tests: [test, pen] }) };
    const lines = async (lang: 'en' | 'ja') => decode((await renderThreatReport(withOrphans, { format: 'csv', lang, part: 'trace' })).bytes).split('\r\n').filter((l) => l !== '');
    const en = await lines('en');
    // The threat paths are as before; the orphans follow, with empty threat (and control) cells.
    expect(en.find((l) => l.startsWith('"t-spoof"'))).toContain('"SC-1","Secure design","SR-1","Approved","VT-1"');
    expect(en.slice(-2)).toEqual([
      '"","","","","","","","SC-9","","","","","","","","Control not traced to a threat / Control without requirement"',
      '"","","","","","","","","","SR-9","Draft","","","","","Requirement not derived from a control / Requirement not approved / Requirement without test"',
    ]);
    expect(en[0]!.split(',')).toHaveLength(en.at(-1)!.split(',').length);
    const ja = await lines('ja');
    expect(ja.slice(-2)).toEqual([
      '"","","","","","","","SC-9","","","","","","","","脅威に紐づかないコントロール / 要求に未展開"',
      '"","","","","","","","","","SR-9","ドラフト","","","","","コントロールに由来しない要求事項 / 要求が未承認 / テストなし"',
    ]);
    // Without orphans, nothing follows the threat paths.
    const plain = decode((await renderThreatReport(data, { format: 'csv', lang: 'en', part: 'trace' })).bytes).split('\r\n').filter((l) => l !== '');
    expect(plain.filter((l) => l.startsWith('"",'))).toEqual([]);
    expect(en.slice(0, -2)).toEqual(plain);
  });

  it.skipIf(!existsSync(defaultChromiumPath))('PDF: rendered by Chromium, Japanese text survives pdftotext', async () => {
    const file = await renderThreatReport(data, { format: 'pdf', lang: 'ja' });
    expect(decode(file.bytes.slice(0, 5))).toBe('%PDF-');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-threat-pdf-'));
    const pdf = path.join(dir, 'report.pdf');
    writeFileSync(pdf, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('セキュリティリスク報告書');
    expect(text).toContain('セキュリティリスク台帳');
    expect(text).toContain('トレーサビリティマトリクス');
    expect(text).toContain('誤投与');
    expect(text).toContain('臨床上の便益が上回る');
    // Every page: the running footer with the title, the product (Japanese glyphs) and page x / y.
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p).toContain(`${i + 1} / ${pages.length}`);
      expect(p).toContain('セキュリティリスク報告書 — 輸液ポンプ <IP-100>');
      expect(p).toContain('2026-11-29 05:00:00 UTC');
    });
  }, 60_000);
});
