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
import { analyzeGaps } from '../../core/compliance/gap.js';
import { renderCompliance } from './index.js';
import type { ComplianceReportData } from './model.js';
import { defaultChromiumPath } from './pdf.js';

const graph = buildCoverageGraph(catalogs, crosswalks);
const iec = resolveCatalog(catalogs, IEC)!;
const c0523 = resolveCatalog(catalogs, MHLW_0523)!;
const assessment: Assessment = { id: 'a1', productId: 'p1', catalog: IEC, entry: '8', status: 'implemented', justification: '', owner: '佐藤', dueDate: null, notes: '', createdAt: '', updatedAt: '' };
const statuses = effectiveStatuses(graph, new Map([[`${IEC}#8`, assessment]]));
const input = { graph, scope: 'product' as const, statuses: { product: statuses, organization: new Map() }, evidence: { product: new Map([[`${IEC}#8`, 1]]), organization: new Map() }, today: '2026-11-29', dualStandard: derivedDualStandard() };
const analysis = analyzeGaps({ ...input, catalogs: [iec, c0523] });
const data: ComplianceReportData = {
  organization: { id: 'o1', name: '例示医療機器株式会社' },
  product: { id: 'p1', organizationId: 'o1', name: '輸液ポンプ <IP-100>', modelNumbers: ['IP-100'], manufacturer: 'Example', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '', createdAt: '', updatedAt: '', archivedAt: null },
  profile: { route: 'annex_f', catalogs: [IEC, MHLW_0523] },
  analysis,
  annexF: { iec: analysis.catalogs[0]!, confirmation: analysis.catalogs[1]!, evidenceFor: { [`${MHLW_0523}#jis.5`]: [{ id: 'e1', productId: 'p1', catalog: IEC, entry: '8', kind: 'record', recordType: 'release_sbom', recordId: 'r1', title: 'SBOM 1.0.0', fileName: null, sha256: null, sizeBytes: null, mediaType: null, version: 'DOC-0042', approvedBy: null, approvedAt: null, createdAt: '', createdBy: 'x', current: { type: 'sbom', id: 's1', label: 'bom.json' } }] }, decidedAt: '2026-11-01T00:00:00.000Z' },
  releases: [{ version: '1.0.0', releaseDate: '2026-01-10', stage: 'support' }],
  evidence: {},
  generatedAt: '2026-11-29T05:00:00.000Z',
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
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/IPAexGothic/);
  }, 60_000);
});
