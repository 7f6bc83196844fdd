import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Password hashing with argon2id. Parameters follow the OWASP password storage recommendation
 * (m = 19 MiB, t = 2, p = 1) and are stored inside each hash, so they can be raised later.
 */
const argonOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, argonOptions);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password nobody knows: spent on unknown users so login timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomSecret(24));
  return dummyHash;
}

/** URL-safe random secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A one-time password people can type: 4 groups of 5 from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const limit = 256 - (256 % alphabet.length); // reject bytes that would bias the choice
  let out = '';
  let n = 0;
  while (n < 20) {
    for (const byte of randomBytes(32)) {
      if (byte >= limit || n >= 20) continue;
      if (n > 0 && n % 5 === 0) out += '-';
      out += alphabet[byte % alphabet.length];
      n += 1;
    }
  }
  return out;
}

/** API tokens look like `mamori_<43 chars>`; the prefix makes leaked tokens easy to scan for. */
export const apiTokenPrefix = 'mamori_';
export function newApiToken(): string {
  return `${apiTokenPrefix}${randomSecret(32)}`;
}
