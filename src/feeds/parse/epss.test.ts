import { describe, expect, it } from 'vitest';
import { EpssLineParser, parseEpssCsv, parseEpssLines } from './epss.js';
import { readSample } from './shared-samples.test-helper.js';

describe('parseEpssCsv (FIRST EPSS daily CSV, reference §4.6)', () => {
  it('reads model version and score date from the comment line (2025-12-26, ISO Z date, 7e-05)', (ctx) => {
    const text = readSample('epss/epss_scores-2025-12-26-excerpt.csv', ctx);
    if (text === undefined) return;
    const r = parseEpssCsv(text);
    expect(r.meta).toEqual({ modelVersion: 'v2025.03.14', scoreDate: '2025-12-26T12:55:00Z' });
    expect(r.records).toHaveLength(27);
    expect(r.rejects).toEqual([]);
    expect(r.records.find((s) => s.cve === 'CVE-2025-9970')).toEqual({ cve: 'CVE-2025-9970', epss: 0.00007, percentile: 0.00428 });
  });

  it('reads the +0000 score date and the comment line without score_date', (ctx) => {
    const a = readSample('epss/epss_scores-2025-02-20-head.csv', ctx);
    const b = readSample('epss/edge-missing-score-date.csv', ctx);
    if (a === undefined || b === undefined) return;
    expect(parseEpssCsv(a).meta).toEqual({ modelVersion: 'v2023.03.01', scoreDate: '2025-02-20T00:00:00+0000' });
    const rb = parseEpssCsv(b);
    expect(rb.meta).toEqual({ modelVersion: 'v2023.03.01' });
    expect(rb.records[4]).toEqual({ cve: 'CVE-1999-0005', epss: 0.91963, percentile: 0.99214 });
  });

  it('rejects malformed rows with reasons and goes on', () => {
    const r = parseEpssCsv('#model_version:v1\r\ncve,epss,percentile\r\nCVE-2024-0001,0.5,0.9\r\nfoo,1,1\r\nCVE-2024-0002,2,0.1\r\nCVE-2024-0003,,0.1\r\nCVE-2024-0004,0.1,0.2');
    expect(r.records.map((s) => s.cve)).toEqual(['CVE-2024-0001', 'CVE-2024-0004']);
    expect(r.rejects).toEqual([
      { index: 3, reason: 'cve is not CVE-YYYY-NNNN…', id: 'foo' },
      { index: 4, id: 'CVE-2024-0002', reason: 'epss is not a number in 0..1' },
      { index: 5, id: 'CVE-2024-0003', reason: 'epss is not a number in 0..1' },
    ]);
  });

  it('streams lines from an async source', async () => {
    async function* lines() {
      yield '#model_version:v2025.03.14,score_date:2025-09-03T12:55:00Z';
      yield 'cve,epss,percentile';
      yield 'CVE-1999-0001,0.0142,0.7991';
    }
    const parser = new EpssLineParser();
    const out = [];
    for await (const s of parseEpssLines(lines(), parser)) out.push(s);
    expect(out).toEqual([{ cve: 'CVE-1999-0001', epss: 0.0142, percentile: 0.7991 }]);
    expect(parser.meta.scoreDate).toBe('2025-09-03T12:55:00Z');
  });
});
