/**
 * From an OSV ecosystem and a package name as that ecosystem spells it to the purl type, namespace
 * and name (purl-spec types/*-definition.json): npm `@scope/name` → namespace `@scope`; Maven
 * `group:artifact` → namespace group; Go module paths split at the last `/`; Debian and Alpine get
 * the vendor namespace `debian` / `alpine`.
 */
import type { Ecosystem } from './lockfile-package.js';
import { buildPurl, type PurlType } from './purl.js';

const purlTypes: Readonly<Record<Ecosystem, PurlType>> = {
  npm: 'npm',
  PyPI: 'pypi',
  'crates.io': 'cargo',
  Go: 'golang',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  Maven: 'maven',
  Debian: 'deb',
  Alpine: 'apk',
};

/** The name split into the part that is a namespace/group and the rest, per ecosystem. */
export function splitName(ecosystem: Ecosystem, name: string): { namespace: string | null; name: string } {
  switch (ecosystem) {
    case 'npm': {
      const slash = name.indexOf('/');
      return name.startsWith('@') && slash > 0 ? { namespace: name.slice(0, slash), name: name.slice(slash + 1) } : { namespace: null, name };
    }
    case 'Maven': {
      const colon = name.indexOf(':');
      return colon > 0 ? { namespace: name.slice(0, colon), name: name.slice(colon + 1) } : { namespace: null, name };
    }
    case 'Go':
    case 'Packagist': {
      const slash = name.lastIndexOf('/');
      return slash > 0 ? { namespace: name.slice(0, slash), name: name.slice(slash + 1) } : { namespace: null, name };
    }
    case 'Debian':
      return { namespace: 'debian', name };
    case 'Alpine':
      return { namespace: 'alpine', name };
    default:
      return { namespace: null, name };
  }
}

export function packagePurl(
  ecosystem: Ecosystem,
  name: string,
  version: string | null,
  qualifiers: Readonly<Record<string, string | null | undefined>> | null = null,
): string | null {
  if (name === '' || name.startsWith('.') || name.startsWith('/')) return null;
  const parts = splitName(ecosystem, name);
  return buildPurl({ type: purlTypes[ecosystem], namespace: parts.namespace, name: parts.name, version, qualifiers });
}
