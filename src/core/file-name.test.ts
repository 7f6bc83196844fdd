import { describe, expect, it } from 'vitest';
import { fileNameMaxBytes, fileNamePart, safeFileName } from './file-name.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('fileNamePart', () => {
  it.each([
    // Japanese product and release names stay readable (the defect: `[^\w.-]` dropped them).
    ['輸液ポンプ IP-300', '輸液ポンプ IP-300'],
    ['バージョン\u30002.0（国内向け）', 'バージョン\u30002.0（国内向け）'],
    // NFC: a decomposed が (か + U+3099, as macOS types it) is the same as the composed one.
    ['\u304b\u3099ん', 'がん'],
    ['Cafe\u0301', 'Café'],
    // Spaces stay; tabs, line breaks and line separators do not, and a run becomes one `_`.
    ['a \t\r\n\u2028b', 'a _b'],
    // Windows-forbidden characters, path separators and controls.
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['x\u0000\u001fy', 'x_y'],
    // A right-to-left override would show "evil‮nosj.exe" as "evil.exe.json".
    ['evil\u202Enosj.exe', 'evil_nosj.exe'],
    // Punctuation that file systems accept is kept.
    ["O'Brien & Co. (v1) #2 100% [β]", "O'Brien & Co. (v1) #2 100% [β]"],
    ['  trimmed  ', 'trimmed'],
  ])('%j → %j', (input, expected) => {
    expect(fileNamePart(input)).toBe(expected);
  });
});

describe('safeFileName', () => {
  it('keeps a Japanese name and its extension', () => {
    expect(safeFileName('vex-輸液ポンプ IP-300-1.0.0.cdx.json')).toBe('vex-輸液ポンプ IP-300-1.0.0.cdx.json');
    expect(safeFileName('部品表\n(最新).json')).toBe('部品表_(最新).json');
  });

  it('drops leading and trailing dots, so no hidden file and no ".."', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('report.')).toBe('report');
    expect(safeFileName(' . report . ')).toBe('report');
    expect(safeFileName('..')).toBe('download');
  });

  it('falls back when nothing is left', () => {
    expect(safeFileName('')).toBe('download');
    expect(safeFileName(' / ')).toBe('download');
    expect(safeFileName('', 'evidence')).toBe('evidence');
  });

  it('prefixes Windows device names', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
    expect(safeFileName('com1.tar.gz')).toBe('_com1.tar.gz');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it(`cuts a long name to ${fileNameMaxBytes} bytes of UTF-8 at a character boundary, keeping the extension`, () => {
    const name = `${'輸液ポンプ'.repeat(40)}-1.0.ja.pdf`;
    const safe = safeFileName(name);
    expect(bytes(safe)).toBeLessThanOrEqual(fileNameMaxBytes);
    expect(safe.endsWith('.ja.pdf')).toBe(true);
    expect(safe.startsWith('輸液ポンプ輸液ポンプ')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    // Whole graphemes: a family emoji (one grapheme of 25 bytes) is kept whole or not at all.
    const family = '👨‍👩‍👧‍👦';
    const emoji = safeFileName(`${family.repeat(10)}.json`);
    expect(emoji).toBe(`${family.repeat(7)}.json`);
  });

  it('is idempotent', () => {
    for (const name of [
      '輸液ポンプ IP-300.pdf',
      '../x',
      'CON',
      `${'長'.repeat(100)}.abc.def.json`,
      'a..b',
      'e\u0301.txt',
    ])
      expect(safeFileName(safeFileName(name))).toBe(safeFileName(name));
  });
});
