/**
 * The shared store of files kept unchanged (SBOM originals, evidence files), addressed by the
 * SHA-256 of their bytes. Files of 64 KiB or more are kept deflate-compressed (level 1) when that
 * saves at least a tenth: SBOMs, being JSON or XML, shrink several times over, which saves storage
 * for every release kept and, on PostgreSQL, most of the time spent sending a large document to the
 * server. Reading always returns the original bytes. The compression runs on libuv's thread pool, so
 * a caller can start it before its own CPU work (reading the document) and it proceeds on another
 * core meanwhile. (The digest is computed here: with SHA extensions it costs about 1 ms per MB, less
 * than WebCrypto spends copying the input before going to the thread pool.)
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { BlobEncoding, Db } from '../database.js';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);

/** Below this size a file is stored as is: compression would save little. */
export const compressFromBytes = 64 * 1024;

export interface PackedBlob {
  /** Hex SHA-256 of the original bytes. */
  readonly sha256: string;
  /** Size of the original bytes. */
  readonly sizeBytes: number;
  /** What is stored: the original, or its deflate-compressed form. */
  readonly content: Uint8Array;
  readonly encoding: BlobEncoding;
}

/** A file being packed: its digest is known at once, its stored form once the thread pool has compressed it. */
export interface BlobPacking {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly packed: Promise<PackedBlob>;
}

/**
 * Digest of `bytes` (here) and, for large files, their compression started on the thread pool. A
 * rejection of `packed` counts as handled until someone awaits it (a caller that gives up early, for
 * instance on a refused document, leaves no unhandled rejection behind).
 */
export function startPacking(bytes: Uint8Array): BlobPacking {
  // One output chunk as large as the input: the thread pool compresses in one go instead of handing
  // back every 16 KiB to the main thread, which may be busy (that would stall the compression).
  const compressing =
    bytes.byteLength >= compressFromBytes
      ? deflateRaw(bytes, { level: 1, chunkSize: bytes.byteLength + 1024 })
      : null;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sizeBytes = bytes.byteLength;
  const packed = (async (): Promise<PackedBlob> => {
    const compressed = compressing && (await compressing);
    if (compressed && compressed.byteLength <= sizeBytes * 0.9)
      return { sha256, sizeBytes, content: compressed, encoding: 'deflate-raw' };
    return { sha256, sizeBytes, content: bytes, encoding: 'identity' };
  })();
  packed.catch(() => undefined);
  return { sha256, sizeBytes, packed };
}

/** Digest and (for large files, off the main thread) the compressed form of `bytes`. */
export async function packBlob(bytes: Uint8Array): Promise<PackedBlob> {
  return await startPacking(bytes).packed;
}

/**
 * insertBlob for a file whose compression may still be running, inside the caller's transaction:
 * the row is written now with no content, so rows that refer to the file can be written next, and
 * the returned function writes the content once the compression is done (the caller calls it before
 * its transaction ends; nothing outside the transaction ever sees the empty row). A file with the
 * same SHA-256 already stored is kept as it is, and the returned function then does nothing.
 */
export async function insertBlobWhilePacking(
  db: Db,
  packing: BlobPacking,
  at: string,
): Promise<() => Promise<void>> {
  const inserted = await db
    .insertInto('blobs')
    .values({
      sha256: packing.sha256,
      size_bytes: packing.sizeBytes,
      content: new Uint8Array(0),
      encoding: 'identity',
      created_at: at,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return async () => undefined;
  return async () => {
    const blob = await packing.packed;
    await db
      .updateTable('blobs')
      .set({ content: blob.content, encoding: blob.encoding })
      .where('sha256', '=', blob.sha256)
      .execute();
  };
}

/** Stores a file once: a file with the same SHA-256 already stored is kept as it is. */
export async function insertBlob(db: Db, blob: PackedBlob, at: string): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      sha256: blob.sha256,
      size_bytes: blob.sizeBytes,
      content: blob.content,
      encoding: blob.encoding,
      created_at: at,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** The original bytes of a stored file, or undefined when there is none with this SHA-256. */
export async function readBlob(db: Db, sha256: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('blobs')
    .select(['content', 'encoding', 'size_bytes'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.encoding === 'identity') return new Uint8Array(row.content);
  if (row.encoding !== 'deflate-raw')
    throw new Error(`Stored file ${sha256} has an unknown encoding ${String(row.encoding)}.`);
  const bytes = await inflateRaw(row.content, { maxOutputLength: Math.max(1, row.size_bytes) });
  if (bytes.byteLength !== row.size_bytes)
    throw new Error(`Stored file ${sha256} does not decompress to its recorded size.`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
