/**
 * Hashes of a package's artefact as lockfiles write them, to the model's `Hash` (CycloneDX
 * `hashes`: algorithm name and lower-case hex). A value that is not a complete digest of its
 * algorithm is dropped, never written half-read.
 *
 * - Subresource Integrity (npm `integrity`, https://www.w3.org/TR/SRI/#the-integrity-attribute):
 *   space-separated `<alg>-<base64>` (`sha512-…`, `sha1-…`);
 * - base64 of a known algorithm (NuGet `contentHash`, SHA-512);
 * - hex of a known algorithm (Cargo `checksum`, composer `dist.shasum`, pubspec `sha256`, mix.lock);
 * - `<alg>:<hex>` / `<alg>=<hex>` (Pipfile.lock and poetry.lock `sha256:…`, Gemfile.lock CHECKSUMS `sha256=…`).
 */
import type { Hash, HashAlgorithm } from '../../core/sbom/model.js';

/** Digest length in bytes of the algorithms lockfiles use, by their lower-case short names. */
const algorithms: Readonly<Record<string, { readonly alg: HashAlgorithm; readonly bytes: number }>> = {
  md5: { alg: 'MD5', bytes: 16 },
  sha1: { alg: 'SHA-1', bytes: 20 },
  sha256: { alg: 'SHA-256', bytes: 32 },
  sha384: { alg: 'SHA-384', bytes: 48 },
  sha512: { alg: 'SHA-512', bytes: 64 },
};

function algorithm(name: string): { readonly alg: HashAlgorithm; readonly bytes: number } | null {
  const key = name.toLowerCase().replace(/-/g, '');
  return Object.hasOwn(algorithms, key) ? algorithms[key]! : null;
}

/** A hex digest of `alg` (`sha256`, `SHA-1`, …), or null when it is not one. */
export function hexHash(alg: string, value: string | null): Hash | null {
  const a = algorithm(alg);
  if (a === null || value === null) return null;
  const hex = value.trim().toLowerCase();
  return hex.length === a.bytes * 2 && /^[0-9a-f]+$/.test(hex) ? { alg: a.alg, content: hex } : null;
}

/** A base64 digest of `alg`, or null when it is not one. */
export function base64Hash(alg: string, value: string | null): Hash | null {
  const a = algorithm(alg);
  if (a === null || value === null) return null;
  const b64 = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  const bytes = Buffer.from(b64, 'base64');
  return bytes.length === a.bytes ? { alg: a.alg, content: bytes.toString('hex') } : null;
}

/** Subresource Integrity metadata (`sha512-<base64> sha1-<base64>`; options after `?` are ignored). */
export function integrityHashes(value: string | null): Hash[] {
  if (value === null) return [];
  const out: Hash[] = [];
  for (const token of value.trim().split(/\s+/)) {
    const m = /^([A-Za-z0-9]+)-([^?]+)/.exec(token);
    const h = m ? base64Hash(m[1]!, m[2]!) : null;
    if (h) out.push(h);
  }
  return uniqueHashes(out);
}

/** `sha256:<hex>` or `sha256=<hex>`. */
export function prefixedHash(value: string | null): Hash | null {
  const m = value === null ? null : /^\s*([A-Za-z0-9-]+)[:=]([0-9A-Fa-f]+)\s*$/.exec(value);
  return m ? hexHash(m[1]!, m[2]!) : null;
}

/** Hashes without repeats, in the order first seen. */
export function uniqueHashes(hashes: Iterable<Hash | null>): Hash[] {
  const seen = new Set<string>();
  const out: Hash[] = [];
  for (const h of hashes) {
    if (h === null || seen.has(`${h.alg}:${h.content}`)) continue;
    seen.add(`${h.alg}:${h.content}`);
    out.push(h);
  }
  return out;
}
