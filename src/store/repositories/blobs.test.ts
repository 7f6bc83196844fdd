/**
 * The blob store on both dialects: large compressible files are kept deflate-compressed, small or
 * incompressible ones as they are, and every read returns the original bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  compressFromBytes,
  insertBlob,
  insertBlobWhilePacking,
  packBlob,
  readBlob,
  startPacking,
} from './blobs.js';

const at = '2026-11-29T00:00:00.000Z';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function jsonLike(bytes: number): Uint8Array {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = `{"name":"component-${i}","version":"${i % 7}.${i % 13}.0","purl":"pkg:npm/component-${i}@${i % 7}.${i % 13}.0"},`;
    parts.push(s);
    n += s.length;
  }
  return new TextEncoder().encode(parts.join(''));
}

describeEachDialect('blob store', (env) => {
  const stored = async (hash: string) =>
    await env()
      .ctx.store.db.selectFrom('blobs')
      .select(['encoding', 'size_bytes', sql<number>`length(content)`.as('stored')])
      .where('sha256', '=', hash)
      .executeTakeFirstOrThrow();

  it('keeps a large compressible file compressed and reads back the same bytes', async () => {
    const bytes = jsonLike(300_000);
    const blob = await packBlob(bytes);
    expect(blob).toMatchObject({ sha256: sha(bytes), sizeBytes: bytes.byteLength, encoding: 'deflate-raw' });
    await insertBlob(env().ctx.store.db, blob, at);
    const row = await stored(blob.sha256);
    expect(row.encoding).toBe('deflate-raw');
    expect(Number(row.size_bytes)).toBe(bytes.byteLength);
    expect(Number(row.stored)).toBeLessThan(bytes.byteLength / 4);
    const back = await readBlob(env().ctx.store.db, blob.sha256);
    expect(back && Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps small and incompressible files as they are', async () => {
    const small = jsonLike(compressFromBytes - 200);
    const random = new Uint8Array(randomBytes(200_000));
    for (const bytes of [small, random]) {
      const blob = await packBlob(bytes);
      expect(blob.encoding).toBe('identity');
      expect(blob.content).toBe(bytes);
      await insertBlob(env().ctx.store.db, blob, at);
      expect((await stored(blob.sha256)).encoding).toBe('identity');
      const back = await readBlob(env().ctx.store.db, blob.sha256);
      expect(back && sha(back)).toBe(sha(bytes));
    }
  });

  it('stores a file once however often it is inserted, and reads rows written before compression existed', async () => {
    const db = env().ctx.store.db;
    const bytes = jsonLike(100_000);
    const blob = await packBlob(bytes);
    await insertBlob(db, blob, at);
    await insertBlob(db, blob, at);
    const count = await db
      .selectFrom('blobs')
      .select(sql<number>`count(*)`.as('n'))
      .where('sha256', '=', blob.sha256)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const legacy = jsonLike(90_000).subarray(1);
    await db
      .insertInto('blobs')
      .values({ sha256: sha(legacy), size_bytes: legacy.byteLength, content: legacy, created_at: at })
      .execute();
    expect((await stored(sha(legacy))).encoding).toBe('identity');
    const back = await readBlob(db, sha(legacy));
    expect(back && Buffer.from(back).equals(Buffer.from(legacy))).toBe(true);
    expect(await readBlob(db, '0'.repeat(64))).toBeUndefined();
  });

  it('writes a row at once and its content when the compression is done, inside one transaction', async () => {
    const { store } = env().ctx;
    const bytes = jsonLike(200_000);
    const packing = startPacking(bytes);
    expect(packing.sha256).toBe(sha(bytes));
    await store.transaction(async (trx) => {
      const complete = await insertBlobWhilePacking(trx, packing, at);
      // A row that names the file can be written before the content is.
      expect(
        Number(
          (
            await trx
              .selectFrom('blobs')
              .select(sql<number>`length(content)`.as('n'))
              .where('sha256', '=', packing.sha256)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
      await complete();
    });
    const row = await stored(packing.sha256);
    expect(row.encoding).toBe('deflate-raw');
    expect(Number(row.size_bytes)).toBe(bytes.byteLength);
    const back = await readBlob(store.db, packing.sha256);
    expect(back && Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  it('leaves a file stored before untouched, and writes nothing when the transaction fails', async () => {
    const { store } = env().ctx;
    const bytes = jsonLike(150_000);
    await insertBlob(store.db, await packBlob(bytes), at);
    const before = await stored(sha(bytes));
    await store.transaction(async (trx) => {
      const complete = await insertBlobWhilePacking(trx, startPacking(bytes), at);
      await complete();
    });
    expect(await stored(sha(bytes))).toEqual(before);

    const other = jsonLike(160_000);
    await expect(
      store.transaction(async (trx) => {
        await insertBlobWhilePacking(trx, startPacking(other), at);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await readBlob(store.db, sha(other))).toBeUndefined();
  });
});
