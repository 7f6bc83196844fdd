/** Which snapshot an OSV archive is, from the ecosystems its records name (src/vulndb/snapshots.ts). */
import { describe, expect, it } from 'vitest';
import { archiveSnapshotKey, ecosystemPrefixes, namedEcosystems, narrowEcosystems, snapshotEcosystem } from './snapshots.js';

const keyOf = (records: readonly string[][]) => {
  let common: Set<string> | null = null;
  for (const r of records) common = narrowEcosystems(common, r);
  return archiveSnapshotKey(common, '/usb/all.zip');
};

describe('archive snapshot keys', () => {
  it('takes an ecosystem and every name it is scoped under', () => {
    expect(ecosystemPrefixes('PyPI')).toEqual(['PyPI']);
    expect(ecosystemPrefixes('Ubuntu:Pro:18.04:LTS')).toEqual(['Ubuntu', 'Ubuntu:Pro', 'Ubuntu:Pro:18.04', 'Ubuntu:Pro:18.04:LTS']);
    expect(ecosystemPrefixes('')).toEqual([]);
  });

  it('reads the named ecosystems from a record as it is, ignoring what is not a name', () => {
    expect(namedEcosystems({ affected: [{ package: { ecosystem: 'npm', name: 'a' } }, { package: { ecosystem: 7 } }, {}, null, { package: { ecosystem: '' } }] })).toEqual(['npm']);
    expect(namedEcosystems({ affected: 'x' })).toEqual([]);
    expect(namedEcosystems(null)).toEqual([]);
  });

  it('is the most specific ecosystem every record names, else the file', () => {
    // OSV's PyPI/all.zip, with a record that also names npm.
    expect(keyOf([['PyPI'], ['npm', 'PyPI'], []])).toBe('osv:PyPI');
    // Debian/all.zip and Debian:12/all.zip.
    expect(keyOf([['Debian:11'], ['Debian:12', 'Debian:10']])).toBe('osv:Debian');
    expect(keyOf([['Debian:12'], ['Debian:12']])).toBe('osv:Debian:12');
    // Several ecosystems, or none named.
    expect(keyOf([['npm'], ['Go']])).toBe('archive:/usb/all.zip');
    expect(keyOf([['npm', 'PyPI'], ['PyPI', 'npm']])).toBe('archive:/usb/all.zip');
    expect(keyOf([[], []])).toBe('archive:/usb/all.zip');
    expect(snapshotEcosystem(new Set(['Debian', 'Debian:12', 'Ubuntu']))).toBeNull();
  });
});
