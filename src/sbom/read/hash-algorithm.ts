/**
 * Hash algorithm names → the model's CycloneDX spelling. SPDX writes `SHA256`, `SHA3-256`,
 * `BLAKE2b-256`, CycloneDX `SHA-256`, `SHA3-256`, `BLAKE2b-256` (reference §1.10, §1.12).
 * SPDX algorithms with no CycloneDX counterpart (SHA224, MD2, MD4, MD6, ADLER32) map to null.
 */
import { hashAlgorithms, type HashAlgorithm } from '../../core/sbom/model.js';

const spdxToCycloneDx: Readonly<Record<string, HashAlgorithm>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
  'SHA3-256': 'SHA3-256',
  'SHA3-384': 'SHA3-384',
  'SHA3-512': 'SHA3-512',
  'BLAKE2b-256': 'BLAKE2b-256',
  'BLAKE2b-384': 'BLAKE2b-384',
  'BLAKE2b-512': 'BLAKE2b-512',
  BLAKE3: 'BLAKE3',
};

export function cycloneDxHashAlgorithm(alg: string): HashAlgorithm | null {
  return (hashAlgorithms as readonly string[]).includes(alg) ? (alg as HashAlgorithm) : null;
}

export function spdxHashAlgorithm(alg: string): HashAlgorithm | null {
  return Object.hasOwn(spdxToCycloneDx, alg) ? spdxToCycloneDx[alg]! : null;
}
