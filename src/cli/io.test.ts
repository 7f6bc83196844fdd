import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drainedOf, quietOnClosedPipe, textWriter, type ByteStream } from './io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('output to a closed pipe', () => {
  it('exits with the code so far on EPIPE, and still throws other errors', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    quietOnClosedPipe(
      stream,
      (c) => exits.push(c),
      () => 1,
    );
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([1]);
    expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow(
      'disk full',
    );
  });

  it('`mamori openapi | head -c 100` ends quietly when the reader stops (real process)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'openapi'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read one chunk, then close the pipe while the command still has output to write.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 60_000);
});

describe('textWriter', () => {
  const texts = ['small', `輸液ポンプ🩺 ${'a'.repeat(300)}`, 'x'.repeat(200), `"é"\n${'b'.repeat(500)}`, 'tail'];
  const decode = (chunks: readonly (string | Uint8Array)[]) => chunks.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');

  it('writes every text exactly, large ones as bytes in one kept buffer when the stream holds nothing back', () => {
    const copies: (string | Uint8Array)[] = [];
    const buffers = new Set<ArrayBufferLike>();
    // A synchronous stream (a file or a pipe on Linux): the chunk is written before write() returns.
    const stream: ByteStream = {
      write: (c) => {
        if (typeof c !== 'string') buffers.add(c.buffer);
        copies.push(typeof c === 'string' ? c : Uint8Array.from(c));
        return true;
      },
      writableLength: 0,
    };
    const write = textWriter(stream, 100);
    for (const t of texts) write(t);
    expect(decode(copies)).toBe(texts.join(''));
    expect(copies.filter((c) => typeof c === 'string')).toEqual(['small', 'tail']);
    expect(buffers.size).toBe(1);
  });

  it('never reuses a buffer the stream still holds', () => {
    const held: (string | Uint8Array)[] = [];
    // A stream that queues every chunk (a slow pipe on another platform): it keeps the references.
    const stream: ByteStream = {
      write: (c) => (held.push(c), false),
      get writableLength() {
        return held.length;
      },
    };
    const write = textWriter(stream, 100);
    for (const t of texts) write(t);
    expect(decode(held)).toBe(texts.join(''));
  });
});

describe('drainedOf', () => {
  /** A stream whose writes complete only when `release()` is called, like a pipe whose reader is busy. */
  function slowPipe() {
    const pending: (() => void)[] = [];
    const stream = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _encoding, callback) {
        pending.push(() => callback());
      },
    });
    const release = async () => {
      while (pending.length > 0) pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { stream, release, pending };
  }

  it('waits for the drain a full buffer promised', async () => {
    const { stream, release } = slowPipe();
    expect(stream.write(Buffer.alloc(64 * 1024))).toBe(false);
    let settled = false;
    const waiting = drainedOf(stream).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await release();
    await waiting;
    expect(settled).toBe(true);
  });

  it('does not wait after a small write that is still queued (no drain will come for it)', async () => {
    const { stream, release, pending } = slowPipe();
    stream.write(Buffer.alloc(64 * 1024));
    await release();
    // The pipe is full again: these two bytes stay queued, and write() asked for no drain.
    expect(stream.write(',\n')).toBe(true);
    expect(stream.writableLength).toBe(2);
    expect(pending).toHaveLength(1);
    // Settles without the bytes being written; waiting for 'drain' here never settled.
    await drainedOf(stream);
    await release();
    expect(stream.writableLength).toBe(0);
  }, 5_000);
});
