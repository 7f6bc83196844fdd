/**
 * `download` (feeds sync): the response is written to a part file and renamed when complete; a
 * failure on either side ends the download with its reason and keeps the part file to resume from.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { download } from './sync.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-download-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
const options = (body: () => BodyInit) => ({
  fetch: (async () =>
    new Response(body(), {
      status: 200,
      headers: { 'content-length': String(bytes.byteLength) },
    })) as typeof fetch,
  log: () => undefined,
});

describe('download', () => {
  it('writes the whole response and renames the part file', async () => {
    const file = path.join(dir, 'ok', 'all.zip');
    expect(
      await download(
        'http://mirror/all.zip',
        file,
        options(() => bytes),
      ),
    ).toBe(file);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('fails with the reason when the file cannot be written (disk full), without crashing', async () => {
    if (!existsSync('/dev/full')) return;
    const file = path.join(dir, 'full', 'all.zip');
    await download(
      'http://mirror/x',
      path.join(dir, 'full', 'x'),
      options(() => new Uint8Array(0)),
    ).catch(() => undefined);
    symlinkSync('/dev/full', `${file}.part`);
    await expect(
      download(
        'http://mirror/all.zip',
        file,
        options(() => bytes),
      ),
    ).rejects.toThrow(/cannot write .*all\.zip\.part: ENOSPC/);
    expect(existsSync(file)).toBe(false);
  }, 5_000);

  it('fails with the reason when the connection drops, keeping what arrived to resume from', async () => {
    const file = path.join(dir, 'drop', 'all.zip');
    const dropping = () => {
      let sent = false;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new Error('socket hang up'));
          else controller.enqueue(bytes.subarray(0, 1024 * 1024));
          sent = true;
        },
      });
    };
    await expect(download('http://mirror/all.zip', file, options(dropping))).rejects.toThrow(
      /download of http:\/\/mirror\/all\.zip stopped after 1\.0 MiB: socket hang up; run sync again to resume/,
    );
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.part`).byteLength).toBe(1024 * 1024);
  });
});
