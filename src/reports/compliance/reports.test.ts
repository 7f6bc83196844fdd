/**
 * The compliance documents from a gap analysis over the shipped catalogs: HTML is self-contained and
 * bilingual, CSV opens in Excel (BOM, Japanese headers), PDF text (pdftotext) holds the Japanese titles.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, crosswalks, derivedDualStandard } from '../../catalogs/index.js';
import { IEC, MHLW_0523 } from '../../catalogs/keys.js';
import { buildCoverageGraph, effectiveStatuses, type Assessment } from '../../core/compliance/assessment.js';
import { resolveCatalog } from '../../core/compliance/catalog.js';
import { currentRecord } from '../../core/compliance/evidence.js';
import { analyzeGaps } from '../../core/compliance/gap.js';
import { renderCompliance } from './index.js';
import type { ComplianceReportData, ReportEvidence } from './model.js';
import { defaultChromiumPath } from './pdf.js';

const graph = buildCoverageGraph(catalogs, crosswalks);
const iec = resolveCatalog(catalogs, IEC)!;
const c0523 = resolveCatalog(catalogs, MHLW_0523)!;
const assessment: Assessment = { id: 'a1', productId: 'p1', catalog: IEC, entry: '8', status: 'implemented', justification: '', owner: '佐藤', dueDate: null, notes: '', createdAt: '', updatedAt: '' };
const statuses = effectiveStatuses(graph, new Map([[`${IEC}#8`, assessment], [`${IEC}#7.2`, { ...assessment, id: 'a2', entry: '7.2', status: 'not_started' }]]));
const input = { graph, scope: 'product' as const, statuses: { product: statuses, organization: new Map() }, evidence: { product: new Map([[`${IEC}#8`, 1]]), organization: new Map() }, today: '2026-11-29', dualStandard: derivedDualStandard() };
const analysis = analyzeGaps({ ...input, catalogs: [iec, c0523] });
/** A linked quality report: what it points at today, in each language (services/compliance.ts resolveCurrent). */
const quality: ReportEvidence = {
  id: 'e2', productId: 'p1', catalog: IEC, entry: '8', kind: 'record', recordType: 'sbom_quality_report', recordId: 'r1', title: 'SBOM 品質レポート 1.0.0', fileName: null, sha256: null, sizeBytes: null, mediaType: null, version: '', approvedBy: null, approvedAt: null, createdAt: '', createdBy: 'x',
  current: currentRecord('sbom', 's1', { ja: '1.0.0: bom.json (CycloneDX 1.6); 手引書 附属書A のプロファイル: 適合（スコア 97）', en: '1.0.0: bom.json (CycloneDX 1.6); MHLW Annex A profile: met (score 97)' }),
};
const data: ComplianceReportData = {
  organization: { id: 'o1', name: '例示医療機器株式会社' },
  product: { id: 'p1', organizationId: 'o1', name: '輸液ポンプ <IP-100>', modelNumbers: ['IP-100'], manufacturer: 'Example', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '', createdAt: '', updatedAt: '', archivedAt: null },
  profile: { route: 'annex_f', catalogs: [IEC, MHLW_0523] },
  analysis,
  annexF: { iec: analysis.catalogs[0]!, confirmation: analysis.catalogs[1]!, evidenceFor: { [`${MHLW_0523}#jis.5`]: [{ id: 'e1', productId: 'p1', catalog: IEC, entry: '8', kind: 'record', recordType: 'release_sbom', recordId: 'r1', title: 'SBOM 1.0.0', fileName: null, sha256: null, sizeBytes: null, mediaType: null, version: 'DOC-0042', approvedBy: null, approvedAt: null, createdAt: '', createdBy: 'x', current: { type: 'sbom', id: 's1', label: 'bom.json', labelText: { ja: 'bom.json', en: 'bom.json' } } }], [`${IEC}#F.4`]: [quality] }, decidedAt: '2026-11-01T00:00:00.000Z' },
  releases: [{ version: '1.0.0', releaseDate: '2026-01-10', stage: 'support' }],
  evidence: {},
  generatedAt: '2026-11-29T05:00:00.000Z',
  generatedBy: '監査 太郎 <auditor@pmda.example.jp>',
};

describe('compliance documents', () => {
  it('HTML: self-contained, escaped, with the gap table, the dual-standard view and the Annex F section', async () => {
    const file = await renderCompliance(data, { format: 'html', lang: 'ja', document: 'gap' });
    const html = new TextDecoder().decode(file.bytes);
    expect(file.mediaType).toMatch(/text\/html/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('輸液ポンプ &lt;IP-100&gt;');
    expect(html).toContain('サイバーセキュリティ適合性ギャップ分析');
    expect(html).toContain('二重基準の差分');
    expect(html).toContain('トランジションヘルスソフトウェアへの適合宣言報告書');
    expect(html).toContain('DOC-0042');
    expect(html).toContain("font-family: 'IPAexGothic'");
    expect(html).toContain('@media print');
    const en = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'en', document: 'gap' })).bytes);
    expect(en).toContain('Cybersecurity compliance gap analysis');
    expect(en).toContain('Via crosswalk: iec-81001-5-1@2021#8');
  });

  it('HTML: the header says who generated the document and when (UTC)', async () => {
    const ja = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'ja', document: 'gap' })).bytes);
    expect(ja).toContain('<tr><td>作成日時</td><td>2026-11-29 05:00:00 UTC</td></tr><tr><td>作成者</td><td>監査 太郎 &lt;auditor@pmda.example.jp&gt;</td></tr>');
    const en = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'en', document: 'annex-f' })).bytes);
    expect(en).toContain('<tr><td>Generated by</td><td>監査 太郎 &lt;auditor@pmda.example.jp&gt;</td></tr>');
  });

  it('HTML: a document-control block on the gap analysis; release stages in words in the Annex F report', async () => {
    const ja = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'ja', document: 'gap' })).bytes);
    expect(ja).toContain('<h3>文書管理</h3><table class="meta"><tr><td>文書番号</td><td></td></tr><tr><td>版</td><td></td></tr></table>');
    for (const w of ['作成', '確認', '承認']) expect(ja).toContain(`<tr><td>${w}</td><td></td><td></td><td></td></tr>`);
    expect(ja).toContain('<h3>文書管理</h3>');
    const en = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'en', document: 'gap' })).bytes);
    expect(en).toContain('<h3>Document control</h3>');
    const afJa = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'ja', document: 'annex-f' })).bytes);
    expect(afJa).toContain('<li>1.0.0 (2026-01-10) — サポート中</li>');
    const afEn = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'en', document: 'annex-f' })).bytes);
    expect(afEn).toContain('<li>1.0.0 (2026-01-10) — Supported</li>');
    expect(afEn).not.toMatch(/— (support|limited_support)</);
  });

  it('Annex F report: what linked evidence points at today reads in the document language (QA ra: it was English in Japanese documents)', async () => {
    const ja = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'ja', document: 'annex-f' })).bytes);
    expect(ja).toContain('→ 1.0.0: bom.json (CycloneDX 1.6); 手引書 附属書A のプロファイル: 適合（スコア 97）');
    expect(ja).not.toContain('MHLW Annex A profile');
    const en = new TextDecoder().decode((await renderCompliance(data, { format: 'html', lang: 'en', document: 'annex-f' })).bytes);
    expect(en).toContain('→ 1.0.0: bom.json (CycloneDX 1.6); MHLW Annex A profile: met (score 97)');
    expect(en).not.toContain('手引書 附属書A のプロファイル');
  });

  it('a route’s reason reads wholly in the document language, in the HTML and the CSV (QA ra: "English / 日本語" in one string)', async () => {
    const reason = { ja: 'フルルートのため適用しない。', en: 'Does not apply on the full route.' };
    const routed = effectiveStatuses(graph, new Map([[`${IEC}#8`, assessment]]), new Map([[`${IEC}#F`, { status: 'not_applicable', reason }]]));
    const full: ComplianceReportData = { ...data, profile: { route: 'full', catalogs: [IEC] }, annexF: null, analysis: analyzeGaps({ ...input, statuses: { product: routed, organization: new Map() }, catalogs: [iec] }) };
    const csv = async (lang: 'ja' | 'en') => new TextDecoder().decode((await renderCompliance(full, { format: 'csv', lang, document: 'gap' })).bytes).split('\r\n');
    expect((await csv('ja')).find((l) => l.startsWith(`"${IEC}","F.2",`))).toMatch(/,"フルルートのため適用しない。"$/);
    expect((await csv('en')).find((l) => l.startsWith(`"${IEC}","F.2",`))).toMatch(/,"Does not apply on the full route\."$/);
    const html = async (lang: 'ja' | 'en') => new TextDecoder().decode((await renderCompliance(full, { format: 'html', lang, document: 'gap' })).bytes);
    const ja = await html('ja');
    expect(ja).toContain('適用外の理由: フルルートのため適用しない。');
    expect(ja).not.toContain(reason.en);
    const en = await html('en');
    expect(en).toContain(': Does not apply on the full route.');
    expect(en).not.toContain(reason.ja);
  });

  it('CSV: BOM, CRLF, Japanese headers when ja, one row per assessable entry', async () => {
    const file = await renderCompliance(data, { format: 'csv', lang: 'ja', document: 'gap' });
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.bytes); // TextDecoder drops the BOM
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('"カタログ","項目","名称","レベル","状況","根拠","担当者","期限","証跡数","ギャップ","適用外の理由"');
    expect(lines).toHaveLength(1 + analysis.catalogs.reduce((n, c) => n + c.rows.length, 0));
    expect(lines.find((l) => l.startsWith(`"${IEC}","8",`))).toContain('"実施済み"');
  });

  it.skipIf(!existsSync(defaultChromiumPath))('PDF: rendered by Chromium, the Japanese titles survive pdftotext', async () => {
    const file = await renderCompliance(data, { format: 'pdf', lang: 'ja', document: 'annex-f' });
    expect(new TextDecoder().decode(file.bytes.slice(0, 5))).toBe('%PDF-');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-pdf-'));
    const pdf = path.join(dir, 'annex-f.pdf');
    writeFileSync(pdf, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('トランジションヘルスソフトウェアへの適合宣言報告書');
    expect(text).toContain('構成管理'.replace(/\s+/g, ''));
    expect(text).toContain('承認記録');
    // No decision is recorded: page 1 says it is a draft and claims nothing as done.
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(page1).toContain('【未完了（草案）】トランジションヘルスソフトウェアへの適合宣言報告書');
    expect(page1).toContain('本書は適合宣言ではない。');
    expect(page1).toContain('附属書Fのワークフローは記録されていない');
    expect(page1).not.toContain('ギャップ解消活動を実施し');
    expect(page1).not.toContain('附属書Fに基づいて実施した');
    expect(text).toContain('判断日:未判断');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/IPAexGothic/);
  }, 60_000);

  it.skipIf(!existsSync(defaultChromiumPath))('PDF gap analysis (ja): status and gap words are never broken inside; the author is named', async () => {
    const file = await renderCompliance(data, { format: 'pdf', lang: 'ja', document: 'gap' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-pdf-'));
    const pdf = path.join(dir, 'gap.pdf');
    writeFileSync(pdf, file.bytes);
    // -layout keeps each printed line: a word broken in its cell leaves its first part at a line's column end.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const word of ['未評価', '未着手', '証跡なし', '実施済み']) expect([word, text.includes(word)]).toEqual([word, true]);
    const broken = text.split('\n').filter((line) => /(未評|未着|証跡な|実施済?)(\s|$)/.test(line));
    expect(broken).toEqual([]);
    expect(text).toMatch(/作成者\s+監査 太郎 <auditor@pmda\.example\.jp>/);
    expect(text).toMatch(/作成日時\s+2026-11-29 05:00:00 UTC/);
    // Every page: the running footer with title, product and page x / y.
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toMatch(new RegExp(`サイバーセキュリティ適合性ギャップ分析 — 輸液ポンプ <IP-100>\\s+2026-11-29 05:00:00 UTC\\s+${i + 1} / ${pages.length}\\s*$`));
    });
  }, 60_000);

  it.skipIf(!existsSync(defaultChromiumPath))('PDF Annex F report (en): Status and Basis do not run together; page x / y on every page', async () => {
    const file = await renderCompliance(data, { format: 'pdf', lang: 'en', document: 'annex-f' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-pdf-'));
    const pdf = path.join(dir, 'annex-f.pdf');
    writeFileSync(pdf, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Implemented\s+Assessed/);
    // "Implemented" was wider than its column and ran into the basis beside it.
    expect(text).not.toMatch(/(Implemented|Not started|Not assessed|In progress|Verified)(Assessed|Via|Rolled|From|By)/);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`Declaration report for transitional health software — 輸液ポンプ <IP-100>.*${i + 1} / ${pages.length}\\s*$`)));
  }, 60_000);
});
