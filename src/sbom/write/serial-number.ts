import { createHash } from 'node:crypto';

/** A UUID URN derived from its input, so the same inventory or file always gets the same serial number. */
export function derivedSerialNumber(seed: string | Uint8Array): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
