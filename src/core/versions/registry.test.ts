/** Exact OSV ecosystem names from names people type (osv-schema ecosystems.json, as `osvEcosystems`). */
import { describe, expect, it } from 'vitest';
import { osvEcosystemName } from './registry.js';

describe('osvEcosystemName', () => {
  it('gives the exact name of an OSV ecosystem in any letter case, keeping a suffix as given', () => {
    expect(osvEcosystemName('pypi')).toBe('PyPI');
    expect(osvEcosystemName('PyPI')).toBe('PyPI');
    expect(osvEcosystemName('CRATES.IO')).toBe('crates.io');
    expect(osvEcosystemName('red hat')).toBe('Red Hat');
    expect(osvEcosystemName('debian:12')).toBe('Debian:12');
    expect(osvEcosystemName('alpine:v3.18')).toBe('Alpine:v3.18');
  });

  it('knows no other names', () => {
    for (const name of ['pipy', '', ':12', 'PyPI2', 'pypi ']) expect(osvEcosystemName(name), name).toBeNull();
  });
});
