/**
 * Keys of the package and CPE indexes of the vulnerability database. A package is indexed under its
 * OSV base ecosystem (the part before `:`, so `Debian:12` and `Debian:11` records share `Debian`) and
 * its name normalised the way a purl-derived name is (src/core/identity/osv-ecosystem.ts): PyPI by
 * PEP 503, and lower case for the ecosystems whose purl type lower-cases names (deb, hex, pub,
 * vscode-extension). A lookup from `osvPackageForPurl` therefore hits the records of OSV.
 */
import { pep503Name } from '../core/identity/osv-ecosystem.js';

export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

const lowerCased = new Set(['Debian', 'Ubuntu', 'Hex', 'Pub', 'VSCode']);

/** The normalised package name used in the index for an OSV ecosystem (base or with suffix). */
export function normalisePackageName(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  if (base === 'PyPI') return pep503Name(name);
  if (lowerCased.has(base)) return name.toLowerCase();
  return name;
}

/** `vendor:product` as stored in the change log; both lower case (NVD CPE values are compared case-insensitively). */
export function cpeProductKey(vendor: string, product: string): string {
  return `${vendor.toLowerCase()}:${product.toLowerCase()}`;
}
