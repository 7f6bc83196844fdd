/**
 * `download` (feeds sync): the response is written to a part file and renamed when complete; a
 * failure on either side ends the download with its reason and keeps the part file to resume from.
 * A part file is resumed only against the file it began with (If-Range with its ETag or
 * Last-Modified date, against a local HTTP server that honours them as RFC 9110 says).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * A static file server with byte ranges and If-Range (RFC 9110 13.1.5, 14.2): a Range request is
 * answered with 206 only when its If-Range names the current file (its strong ETag, or its
 * Last-Modified date); otherwise, and without If-Range when `ifRangeRequired` is off, as
 * configured. `cutAfter` ends the connection after that many bytes of the body.
 */
describe('download against an HTTP server, resuming only the same file', () => {
  let server: Server;
  let url = '';
  const served = {
    body: Buffer.alloc(0),
    etag: null as string | null,
    lastModified: null as string | null,
    cutAfter: null as number | null,
  };
  const requests: { range?: string; ifRange?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined });
      const headers: Record<string, string> = {};
      if (served.etag) headers.etag = served.etag;
      if (served.lastModified) headers['last-modified'] = served.lastModified;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const ifRange = req.headers['if-range'] as string | undefined;
      const current = ifRange === undefined || (ifRange.startsWith('"') ? ifRange === served.etag : ifRange === served.lastModified);
      let body = served.body;
      if (range && current) {
        const start = Number(range[1]);
        if (start >= body.length) {
          res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
          return;
        }
        res.writeHead(206, { ...headers, 'content-length': String(body.length - start), 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
        body = body.subarray(start);
      } else res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      if (served.cutAfter !== null && served.cutAfter < body.length) {
        res.write(body.subarray(0, served.cutAfter), () => res.destroy());
        return;
      }
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv/PyPI/all.zip`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const yesterday = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 7));
  const today = Buffer.from(Array.from({ length: 280_000 }, (_, i) => i % 11));
  const quiet = { fetch: globalThis.fetch, log: () => undefined };

  /**
   * Starts a download of `body` that the connection cuts after about 100,000 bytes: the part file
   * (its size returned) and its validator stay.
   */
  async function interrupted(file: string, body: Buffer, validators: { etag?: string; lastModified?: string }): Promise<number> {
    Object.assign(served, { body, etag: validators.etag ?? null, lastModified: validators.lastModified ?? null, cutAfter: 100_000 });
    await expect(download(url, file, quiet)).rejects.toThrow(/run sync again to resume/);
    served.cutAfter = null;
    const size = readFileSync(`${file}.part`).byteLength;
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(body.length);
    return size;
  }

  it('resumes the same file with If-Range and its ETag', async () => {
    const file = path.join(dir, 'same', 'all.zip');
    const have = await interrupted(file, yesterday, { etag: '"v1"' });
    requests.length = 0;
    const lines: string[] = [];
    await download(url, file, { ...quiet, log: (l) => lines.push(l) });
    expect(requests).toEqual([{ range: `bytes=${have}-`, ifRange: '"v1"' }]);
    expect(lines[0]).toMatch(/^resuming .*all\.zip at [\d.]+ MiB$/);
    expect(readFileSync(file).equals(yesterday)).toBe(true);
    expect(existsSync(`${file}.part`) || existsSync(`${file}.part.validator`)).toBe(false);
  });

  it('downloads the whole new file when the file changed since the part was made (ETag or Last-Modified)', async () => {
    for (const [name, before, after] of [
      ['etag', { etag: '"v1"' }, { etag: '"v2"' }],
      ['date', { lastModified: 'Mon, 30 Nov 2026 00:00:00 GMT' }, { lastModified: 'Mon, 07 Dec 2026 00:00:00 GMT' }],
    ] as const) {
      const file = path.join(dir, `changed-${name}`, 'all.zip');
      const have = await interrupted(file, yesterday, before);
      Object.assign(served, { body: today, etag: null, lastModified: null }, after);
      requests.length = 0;
      await download(url, file, quiet);
      expect(requests, name).toEqual([{ range: `bytes=${have}-`, ifRange: Object.values(before)[0] }]);
      // Not the start of yesterday's file followed by the rest of today's.
      expect(readFileSync(file).equals(today), name).toBe(true);
    }
  });

  it('starts again when nothing tells which file a part file belongs to', async () => {
    // A server without ETag and Last-Modified, and a part file left by an earlier version.
    const file = path.join(dir, 'unknown', 'all.zip');
    await interrupted(file, yesterday, {});
    expect(existsSync(`${file}.part.validator`)).toBe(false);
    Object.assign(served, { body: today, etag: '"v2"', lastModified: null });
    requests.length = 0;
    const lines: string[] = [];
    await download(url, file, { ...quiet, log: (l) => lines.push(l) });
    expect(requests).toEqual([{ range: undefined, ifRange: undefined }]);
    expect(lines[0]).toMatch(/[\d.]+ MiB of an earlier download cannot be checked against the server's file .*; downloading again$/);
    expect(readFileSync(file).equals(today)).toBe(true);
    // A weak ETag cannot be used for If-Range: the next part file is not resumed either.
    const weak = path.join(dir, 'weak', 'all.zip');
    await interrupted(weak, yesterday, { etag: 'W/"v1"' });
    expect(existsSync(`${weak}.part.validator`)).toBe(false);
  });

  it('takes a complete part file of the same file as the download (416)', async () => {
    const file = path.join(dir, 'complete', 'all.zip');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.part`, today.subarray(0, 100_000));
    writeFileSync(`${file}.part.validator`, JSON.stringify({ url, etag: '"v3"', lastModified: null }));
    Object.assign(served, { body: today.subarray(0, 100_000), etag: '"v3"', lastModified: null });
    await download(url, file, quiet);
    expect(readFileSync(file).equals(today.subarray(0, 100_000))).toBe(true);
    // A part kept for another URL (another mirror) is not resumed.
    writeFileSync(`${file}.part`, yesterday.subarray(0, 100_000));
    writeFileSync(`${file}.part.validator`, JSON.stringify({ url: 'http://elsewhere/all.zip', etag: '"v3"', lastModified: null }));
    requests.length = 0;
    await download(url, file, quiet);
    expect(requests).toEqual([{ range: undefined, ifRange: undefined }]);
    expect(readFileSync(file).equals(today.subarray(0, 100_000))).toBe(true);
  });
});
