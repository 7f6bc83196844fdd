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
const matrix = buildTraceability({ elements: model.elements, threats: model.threats, risks: new Map([['t-spoof', spoofEval]]), controls: [control], requirements: [requirement], tests: [test] });
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
};
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

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
    expect(html).toContain('>Pump controller</text>');
    expect(html).toContain('Nurse impersonated');
    expect(html).toContain('HAZ-7 誤投与');
    expect(html).toContain('佐藤 (2026-11-20)');
    expect(html).toContain('<td class="gap">テスト不合格');
    expect(html).toContain('リスク未評価');
    expect(html).toContain("font-family: 'IPAexGothic'");
    const en = decode((await renderThreatReport(data, { format: 'html', lang: 'en' })).bytes);
    expect(en).toContain('Security risk report');
    expect(en).toContain('4. Traceability matrix');
    expect(en).toContain('Test failed');
    expect(en).not.toContain('セキュリティリスク報告書');
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
    expect(trace.find((l) => l.startsWith('"t-spoof"'))).toContain('"SC-1","design","SR-1","approved","VT-1","threat_mitigation","failed","2026-11-21","Test failed"');
    expect(trace.find((l) => l.startsWith('"t-tamper"'))).toContain('No risk estimate');
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
  }, 60_000);
});
