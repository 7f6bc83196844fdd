/**
 * A small, defensive ZIP reader for feed archives (OSV `<Ecosystem>/all.zip`): it reads the central
 * directory (ZIP64 included) and inflates one entry at a time in memory with node:zlib, so an archive
 * of any size is read entry by entry and nothing is ever written to disk (no zip slip possible).
 *
 * Refused entries (counted with the reason, never read): absolute paths, drive letters or `..`
 * segments (zip slip); encryption; compression other than stored/deflate; a declared or actual
 * uncompressed size over `maxEntryBytes`; a compression ratio over `maxRatio` (zip bomb); more
 * output than declared; a CRC mismatch. The archive as a whole is refused when its entries together
 * would exceed `maxTotalBytes` or `maxEntries`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly maxEntries: number;
  /** Uncompressed / compressed above which an entry (larger than 1 MiB) is refused. */
  readonly maxRatio: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxEntries: 5_000_000,
  maxRatio: 1000,
};

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

export type ZipItem =
  | { readonly kind: 'entry'; readonly name: string; readonly data: Buffer }
  | { readonly kind: 'refused'; readonly name: string; readonly reason: string }
  | { readonly kind: 'skipped'; readonly name: string; readonly reason: string };

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new ZipError(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
  return buf;
}

function u64(buf: Buffer, offset: number): number {
  const v = buf.readBigUInt64LE(offset);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('a ZIP64 size or offset is too large');
  return Number(v);
}

/** Whether an entry name could escape a target folder if it were ever extracted. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'the name contains a NUL character';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/')) return 'absolute path (zip slip)';
  if (/^[A-Za-z]:/.test(n)) return 'drive-letter path (zip slip)';
  if (n.split('/').includes('..')) return '".." path segment (zip slip)';
  return null;
}

/** Reads the central directory of a ZIP file. */
export function readCentralDirectory(
  fd: number,
  fileSize: number,
  limits: ZipLimits = defaultZipLimits,
): ZipEntryInfo[] {
  if (fileSize < 22) throw new ZipError('not a ZIP archive (too short)');
  const tailLength = Math.min(fileSize, 22 + 65535);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new ZipError('not a ZIP archive (no end of central directory record)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = fileSize - tailLength + eocd - 20;
    if (locatorAt < 0) throw new ZipError('ZIP64 end of central directory locator missing');
    const locator = readAt(fd, locatorAt, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR)
      throw new ZipError('ZIP64 end of central directory locator missing');
    const z64 = readAt(fd, u64(locator, 8), 56);
    if (z64.readUInt32LE(0) !== ZIP64_EOCD)
      throw new ZipError('ZIP64 end of central directory record missing');
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (count > limits.maxEntries)
    throw new ZipError(`the archive has ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > fileSize) throw new ZipError('the central directory lies outside the file');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new ZipError(`central directory entry ${i} is malformed`);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    // ZIP64 extended information extra field (0x0001): present values in a fixed order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(cd, q);
      }
      e += 4 + len;
    }
    p = extraEnd + commentLength;
    total += size;
    if (total > limits.maxTotalBytes)
      throw new ZipError(
        `the entries together declare more than ${limits.maxTotalBytes} bytes uncompressed (zip bomb?)`,
      );
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
  }
  return entries;
}

function readEntry(fd: number, fileSize: number, entry: ZipEntryInfo, limits: ZipLimits): ZipItem {
  const name = entry.name;
  const unsafe = unsafeEntryName(name);
  if (unsafe) return { kind: 'refused', name, reason: unsafe };
  if (entry.flags & 0x1) return { kind: 'refused', name, reason: 'encrypted entry' };
  if (entry.method !== 0 && entry.method !== 8)
    return {
      kind: 'refused',
      name,
      reason: `compression method ${entry.method} is not supported (stored and deflate are)`,
    };
  if (entry.size > limits.maxEntryBytes)
    return {
      kind: 'refused',
      name,
      reason: `uncompressed size ${entry.size} exceeds the limit of ${limits.maxEntryBytes} bytes`,
    };
  if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
    return {
      kind: 'refused',
      name,
      reason: `compression ratio ${(entry.size / Math.max(1, entry.compressedSize)).toFixed(0)}:1 exceeds ${limits.maxRatio}:1 (zip bomb?)`,
    };
  }
  if (entry.localOffset + 30 > fileSize)
    return { kind: 'refused', name, reason: 'local header lies outside the file' };
  const local = readAt(fd, entry.localOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL)
    return { kind: 'refused', name, reason: 'local header signature missing' };
  const dataAt = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataAt + entry.compressedSize > fileSize)
    return { kind: 'refused', name, reason: 'entry data lies outside the file' };
  const raw = readAt(fd, dataAt, entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size)
      return {
        kind: 'refused',
        name,
        reason: 'stored entry with different compressed and uncompressed sizes',
      };
    data = raw;
  } else {
    try {
      // Never trust the declared size: stop one byte past it.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
    } catch (e) {
      const message = (e as Error).message;
      return {
        kind: 'refused',
        name,
        reason: /maxOutputLength|buffer/i.test(message)
          ? 'inflates to more than its declared size (zip bomb?)'
          : `cannot inflate: ${message}`,
      };
    }
    if (data.length !== entry.size)
      return {
        kind: 'refused',
        name,
        reason: `inflates to ${data.length} bytes, not the declared ${entry.size}`,
      };
  }
  if (crc32(data) !== entry.crc) return { kind: 'refused', name, reason: 'CRC-32 mismatch (corrupt entry)' };
  return { kind: 'entry', name, data };
}

/** Iterates over the entries of a ZIP file, one inflated entry in memory at a time. */
export function* readZipFile(
  file: string,
  options: { limits?: ZipLimits; accept?: (name: string) => boolean } = {},
): Generator<ZipItem> {
  const limits = options.limits ?? defaultZipLimits;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const entries = readCentralDirectory(fd, size, limits);
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      const unsafe = unsafeEntryName(entry.name);
      if (unsafe) {
        yield { kind: 'refused', name: entry.name, reason: unsafe };
        continue;
      }
      if (options.accept && !options.accept(entry.name)) {
        yield { kind: 'skipped', name: entry.name, reason: 'not a .json entry' };
        continue;
      }
      yield readEntry(fd, size, entry, limits);
    }
  } finally {
    closeSync(fd);
  }
}
