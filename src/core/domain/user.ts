import type { Role } from './role.js';

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface User {
  readonly id: string;
  readonly organizationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** The UI language the user chose; null follows the browser. */
  readonly locale: Locale | null;
  /** Set for accounts created with a one-time password: the first login must choose a new one. */
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly disabledAt: string | null;
}

export const passwordPolicy = { minLength: 12, maxLength: 256 };

/** Returns the reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < passwordPolicy.minLength)
    return `Use at least ${passwordPolicy.minLength} characters.`;
  if (password.length > passwordPolicy.maxLength) return `Use at most ${passwordPolicy.maxLength} characters.`;
  if (password.toLowerCase() === email.toLowerCase()) return 'The password must differ from the email address.';
  if (new Set(password).size < 5) return 'Use more different characters.';
  return null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
