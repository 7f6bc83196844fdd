/**
 * Record ids: UUID version 7 (RFC 9562 §5.7) — a 48-bit Unix millisecond timestamp, then random
 * bits. Ids made one after another sort one after another (within a millisecond a 12-bit counter in
 * `rand_a`, RFC 9562 §6.2 method 1, keeps them increasing), so rows inserted together land next to
 * each other in primary-key B-trees instead of at random pages: a 50,000-component SBOM import
 * appends to the components index rather than splitting pages all over it. The ids stay opaque
 * text in the UUID format; nothing reads the time back out of them.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 512);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new UUIDv7; `now` (ms since the epoch) for tests. */
export function uuidv7(now: number = Date.now()): string {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 16;
  let ms = now;
  if (ms > lastMs) {
    lastMs = ms;
    // A random start in the lower half leaves room to count up within the millisecond.
    counter = ((pool[r + 6]! << 8) | pool[r + 7]!) & 0x7ff;
  } else {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next millisecond (still increasing).
      ms = ++lastMs;
      counter = 0;
    }
  }
  const b = [
    Math.floor(ms / 2 ** 40) & 0xff,
    Math.floor(ms / 2 ** 32) & 0xff,
    (ms >>> 24) & 0xff,
    (ms >>> 16) & 0xff,
    (ms >>> 8) & 0xff,
    ms & 0xff,
    0x70 | (counter >>> 8),
    counter & 0xff,
    0x80 | (pool[r + 8]! & 0x3f),
  ];
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += hex[i < 9 ? b[i]! : pool[r + i]!]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}
