import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { cellText, printPrettyJson, renderRecord, renderTable, writePrettyJson } from './output.js';

describe('writePrettyJson', () => {
  const values: Record<string, unknown>[] = [
    {},
    { findings: [], unevaluated: [] },
    { a: 1, skipped: undefined, b: 'x' },
    {
      findings: [
        {
          component: { bomRef: 'a', purl: null },
          nested: [[1, { deep: ['\n', 'ü', '\u2028'] }], []],
          empty: {},
        },
        null,
        'text with "quotes" and\nnewline',
        [],
      ],
      unevaluated: [{ component: { bomRef: 'b' }, reason: 'no-identifier', detail: 'd' }],
      count: 2,
      meta: { k: [1, 2] },
    },
    // Longer than the elements stringified at once (256): pieces are joined with commas.
    { findings: Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? { i, nested: [{ s: 'x' }, []] } : i % 3 === 1 ? null : [i])), unevaluated: [] },
  ];

  it.each(values)('writes exactly JSON.stringify(value, null, 2) and a newline, in pieces', (value) => {
    for (const pieceChars of [1, 7, 1 << 20]) {
      const pieces: string[] = [];
      writePrettyJson((t) => pieces.push(t), value, pieceChars);
      expect(pieces.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      if (pieceChars === 1 && Object.keys(value).length > 1) expect(pieces.length).toBeGreaterThan(2);
    }
  });
});

describe('printPrettyJson', () => {
  it('writes the next piece only once stdout has passed on the previous one', async () => {
    const value = { findings: Array.from({ length: 3000 }, (_, i) => ({ i, text: 'x'.repeat(300) })), unevaluated: [] };
    const pieces: string[] = [];
    let waiting = false;
    const io = {
      stdout: (t: string) => {
        expect(waiting).toBe(false);
        pieces.push(t);
        waiting = true;
      },
      drained: () => new Promise<void>((resolve) => setImmediate(() => ((waiting = false), resolve()))),
    } as Partial<CliIo> as CliIo;
    await printPrettyJson(io, value);
    expect(pieces.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(10);
  });
});

describe('renderTable and renderRecord', () => {
  it('keep a value with line breaks on its row (Threat Dragon "Local\\nAPI"), columns aligned', () => {
    const table = renderTable(['threat', 'element', 'category'], [
      ['No AuthN', 'Local\nAPI', 'elevation_of_privilege'],
      ['Spoofing', 'Cloud\r\nAPI', 'spoofing'],
      ['Tabs', 'a\tb\u2028c', 'x'],
    ]);
    expect(table).toBe(
      [
        'THREAT    ELEMENT    CATEGORY',
        'No AuthN  Local API  elevation_of_privilege',
        'Spoofing  Cloud API  spoofing',
        'Tabs      a b c      x',
        '',
      ].join('\n'),
    );
    expect(table.split('\n')).toHaveLength(5);
  });

  it('shows other control characters (terminal escapes) as their code, in tables and records', () => {
    expect(cellText('red\u001b[31m!\u0000')).toBe('red\\u001b[31m!\\u0000');
    expect(cellText('日本語\n名前')).toBe('日本語 名前');
    expect(renderRecord([['detail', 'first line\nsecond line'], ['state', 'not_affected']])).toBe('detail  first line second line\nstate   not_affected\n');
  });
});
