/**
 * Personal data in the hospital variant: people's e-mail addresses and phone numbers are left out,
 * organisation-level contact points stay. Pure and deterministic (no locale-dependent comparison).
 *
 * The rule, per place in the model (docs/sbom-mapping.md "Hospital variant"):
 * - **Document authors** (CycloneDX `metadata.authors[]`, SPDX `Person:` creators): persons by
 *   definition (CycloneDX 1.6: "the person(s) who created the BOM"). The name stays, e-mail and
 *   phone are removed; an author without a name is left out.
 * - **Contacts of an organisation** (CycloneDX `organizationalEntity.contact[]` of
 *   `metadata.manufacturer`, `metadata.supplier` and every component's `supplier`; SPDX
 *   `Organization: name (email)`): an organisation's contact may be a role (a PSIRT, a support
 *   desk) or a person. Its e-mail stays only when it is a **role address** (`isRoleAddress`: every
 *   word of the local part is a role word, e.g. `psirt@`, `product-security@`, `sbom@`); its phone
 *   stays only when nothing in the contact names a person: no name or a **role name**
 *   (`isRoleName`: "ACME PSIRT", "製品セキュリティ窓口"), and no e-mail or a role address. The name
 *   stays. A contact left with nothing is left out. A `mailto:` URL of the organisation follows the
 *   e-mail rule; other URLs and the organisation's name stay.
 * - **Texts that name people** (component `author`, `publisher`, `copyright`; SPDX originator,
 *   copyrightText): every e-mail address that is not a role address is removed, with the brackets
 *   around it ("Jane Doe <jane@example.org>" → "Jane Doe"). Phone numbers in free text are not
 *   recognised (no pattern tells them from versions and dates).
 * Not touched: descriptions, property values (internal notes belong in `mamori:internal:`
 * properties, which the variant leaves out) and external references (a security contact the
 * manufacturer publishes is meant for hospitals).
 */
import { type OrganizationalContact, type OrganizationalEntity } from '../../core/sbom/model.js';

/**
 * Words a role mailbox's local part is made of: RFC 2142 mailbox names and the usual names of
 * security, support and product contact points.
 */
export const roleAddressWords: ReadonlySet<string> = new Set([
  'abuse',
  'admin',
  'cert',
  'compliance',
  'contact',
  'csirt',
  'customer',
  'cybersecurity',
  'disclosure',
  'help',
  'helpdesk',
  'hostmaster',
  'incident',
  'info',
  'inquiry',
  'legal',
  'no',
  'noc',
  'noreply',
  'office',
  'opensource',
  'oss',
  'postmaster',
  'privacy',
  'product',
  'products',
  'psirt',
  'quality',
  'regulatory',
  'reply',
  'report',
  'response',
  'sales',
  'sbom',
  'secure',
  'security',
  'service',
  'services',
  'support',
  'team',
  'vuln',
  'vulnerability',
  'vulnerabilities',
  'webmaster',
  'www',
]);

/** Words that make a contact's name a role rather than a person (whole words, any case). */
export const roleNameWords: ReadonlySet<string> = new Set([
  'center',
  'centre',
  'cert',
  'contact',
  'csirt',
  'customer',
  'cybersecurity',
  'department',
  'desk',
  'helpdesk',
  'inquiries',
  'inquiry',
  'office',
  'psirt',
  'response',
  'sbom',
  'security',
  'service',
  'support',
  'team',
  'vulnerability',
]);

/** Japanese role terms, matched anywhere in a name (Japanese names have no spaces between words). */
export const roleNameTerms: readonly string[] = [
  'お問い合わせ',
  'お客様',
  'サポート',
  'セキュリティ',
  'センター',
  'チーム',
  '事務局',
  '問い合わせ',
  '問合せ',
  '窓口',
];

const blank = (s: string | null): boolean => s === null || s.trim() === '';

/** A role mailbox: every word of the local part (without a `+tag`, split at `.`, `_`, `-`) is a role word. */
export function isRoleAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at).split('+')[0]!.toLowerCase();
  const words = local.split(/[._-]+/).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => roleAddressWords.has(w));
}

/** A role name: one of its words is a role word, or it holds a Japanese role term. */
export function isRoleName(name: string): boolean {
  if (roleNameTerms.some((t) => name.includes(t))) return true;
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => roleNameWords.has(w));
}

/** A document author (a person): the name alone; null when there is no name. */
export function hospitalAuthor(c: OrganizationalContact): OrganizationalContact | null {
  return blank(c.name) ? null : { name: c.name, email: null, phone: null };
}

/** An organisation's contact: role addresses and the phone of a role contact stay (module header). */
export function hospitalContact(c: OrganizationalContact): OrganizationalContact | null {
  const roleEmail = !blank(c.email) && isRoleAddress(c.email!);
  const email = roleEmail ? c.email : null;
  const phone =
    !blank(c.phone) && (blank(c.name) || isRoleName(c.name!)) && (blank(c.email) || roleEmail)
      ? c.phone
      : null;
  const name = blank(c.name) ? null : c.name;
  return name === null && email === null && phone === null ? null : { name, email, phone };
}

const mailto = /^mailto:([^?]*)/i;

export function hospitalEntity(e: OrganizationalEntity): OrganizationalEntity {
  return {
    name: e.name,
    url: e.url.filter((u) => {
      const m = mailto.exec(u);
      return m === null || isRoleAddress(decodeMailto(m[1]!));
    }),
    contact: e.contact.map(hospitalContact).filter((c): c is OrganizationalContact => c !== null),
  };
}

function decodeMailto(address: string): string {
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

const address = String.raw`(?:mailto:)?[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
/** An address in brackets (with the space before it), or a bare one. */
const addressPattern = new RegExp(String.raw`\s*[<([]\s*(${address})\s*[>)\]]|(${address})`, 'gu');

/** A text with every e-mail address that is not a role address removed; null when nothing is left. */
export function withoutPersonalAddresses(text: string | null): string | null {
  if (text === null) return null;
  let changed = false;
  const out = text.replace(
    addressPattern,
    (match, bracketed: string | undefined, bare: string | undefined) => {
      const found = (bracketed ?? bare ?? '').replace(/^mailto:/i, '');
      if (isRoleAddress(found)) return match;
      changed = true;
      return '';
    },
  );
  if (!changed) return text;
  const tidied = out
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([,;])/g, '$1')
    .replace(/[,;]\s*$/, '')
    .trim();
  return tidied === '' ? null : tidied;
}
