import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultZipLimits, readZipFile, unsafeEntryName, ZipError } from './zip.js';
import { buildZip, type TestZipEntry } from './zip-writer.test-helper.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-zip-'));
let n = 0;
function zipFile(entries: readonly TestZipEntry[]): string {
  const f = path.join(dir, `t${n++}.zip`);
  writeFileSync(f, buildZip(entries));
  return f;
}

describe('readZipFile', () => {
  it('reads stored and deflated entries and skips what is not accepted', () => {
    const f = zipFile([
      { name: 'a.json', data: '{"a":1}' },
      { name: 'dir/b.json', data: '{"b":2}', method: 0 },
      { name: 'readme.txt', data: 'hello' },
    ]);
    const items = [...readZipFile(f, { accept: (x) => x.endsWith('.json') })];
    expect(items.map((i) => [i.kind, i.name])).toEqual([
      ['entry', 'a.json'],
      ['entry', 'dir/b.json'],
      ['skipped', 'readme.txt'],
    ]);
    expect(items[0]!.kind === 'entry' && items[0]!.data.toString()).toBe('{"a":1}');
  });

  it('refuses zip-slip names before reading them', () => {
    for (const name of [
      '../evil.json',
      '/etc/evil.json',
      'a/../../evil.json',
      'C:\\evil.json',
      '..\\evil.json',
    ])
      expect(unsafeEntryName(name)).not.toBeNull();
    expect(unsafeEntryName('PyPI/PYSEC-2021-1.json')).toBeNull();
    const items = [
      ...readZipFile(
        zipFile([
          { name: '../evil.json', data: '{}' },
          { name: 'ok.json', data: '{}' },
        ]),
      ),
    ];
    expect(items[0]).toMatchObject({ kind: 'refused', name: '../evil.json' });
    expect(items[0]!.kind === 'refused' && items[0]!.reason).toMatch(/zip slip/);
    expect(items[1]!.kind).toBe('entry');
  });

  it('refuses an entry that inflates beyond its declared size (zip bomb)', () => {
    const big = '0'.repeat(5_000_000);
    const items = [...readZipFile(zipFile([{ name: 'bomb.json', data: big, declaredSize: 100 }]))];
    expect(items[0]!.kind).toBe('refused');
    expect(items[0]!.kind === 'refused' && items[0]!.reason).toMatch(/declared size|zip bomb/);
  });

  it('refuses entries over the size cap and with an extreme compression ratio', () => {
    const big = randomBytes(1_500_000).toString('hex');
    const f = zipFile([{ name: 'x.json', data: big }]);
    const bySize = [...readZipFile(f, { limits: { ...defaultZipLimits, maxEntryBytes: 1_000_000 } })][0]!;
    expect(bySize.kind === 'refused' && bySize.reason).toMatch(/exceeds the limit/);
    const byRatio = [...readZipFile(f, { limits: { ...defaultZipLimits, maxRatio: 1.2 } })][0]!;
    expect(byRatio.kind === 'refused' && byRatio.reason).toMatch(/compression ratio/);
    expect([...readZipFile(f)][0]!.kind).toBe('entry');
  });

  it('refuses the whole archive when the entries together exceed the total cap', () => {
    const f = zipFile([
      { name: 'a.json', data: Buffer.alloc(600, 1) },
      { name: 'b.json', data: Buffer.alloc(600, 1) },
    ]);
    expect(() => [...readZipFile(f, { limits: { ...defaultZipLimits, maxTotalBytes: 1000 } })]).toThrow(
      ZipError,
    );
  });

  it('refuses corrupt (CRC mismatch), encrypted and unsupported entries', () => {
    const items = [
      ...readZipFile(
        zipFile([
          { name: 'crc.json', data: '{"x":1}', crc: 12345 },
          { name: 'enc.json', data: '{"x":1}', flags: 1 },
          { name: 'bz.json', data: '{"x":1}', method: 12 },
        ]),
      ),
    ];
    expect(items.map((i) => (i.kind === 'refused' ? i.reason : i.kind))).toEqual([
      'CRC-32 mismatch (corrupt entry)',
      'encrypted entry',
      expect.stringMatching(/compression method 12/),
    ]);
  });

  it('refuses a file that is not a ZIP archive', () => {
    const f = path.join(dir, 'not.zip');
    writeFileSync(f, 'this is not a zip archive at all, just text');
    expect(() => [...readZipFile(f)]).toThrow(/not a ZIP archive/);
  });
});
