/**
 * The group in SPDX package names (QA L6 / CI L8: `@babel/core` was exported as `core`, a manual
 * component's group `Microsoft` was dropped). Each row cites the producer whose naming it follows.
 */
import { describe, expect, it } from 'vitest';
import { groupAndNameFromSpdx, spdxGroupProperty, spdxPackageName } from './spdx-package-name.js';

const rows: { why: string; group: string | null; name: string; purl: string | null; spdx: string; groupProperty: string | null }[] = [
  { why: 'no group: the name', group: null, name: 'lodash', purl: 'pkg:npm/lodash@4.17.21', spdx: 'lodash', groupProperty: null },
  // `npm sbom --sbom-format spdx` and syft name scoped packages `@scope/name`.
  { why: 'npm scope (npm sbom, syft)', group: '@babel', name: 'core', purl: 'pkg:npm/%40babel/core@7.24.0', spdx: '@babel/core', groupProperty: null },
  // SPDX 2.3 example (SPDXJSONExample-v2.3: "Jena" / appbomination: "commons-lang3" with pkg:maven/org.apache.commons/…) and syft: the artifactId.
  { why: 'Maven groupId in the purl (SPDX examples, syft)', group: 'org.apache.commons', name: 'commons-lang3', purl: 'pkg:maven/org.apache.commons/commons-lang3@3.4', spdx: 'commons-lang3', groupProperty: null },
  { why: 'a group without a purl (a manual component)', group: 'Microsoft', name: 'Windows 10 IoT Enterprise LTSC 2019', purl: null, spdx: 'Microsoft/Windows 10 IoT Enterprise LTSC 2019', groupProperty: 'Microsoft' },
  { why: 'a purl type that does not confirm a group (generic)', group: 'acme', name: 'pump-firmware', purl: 'pkg:generic/acme/pump-firmware@2.0.0', spdx: 'acme/pump-firmware', groupProperty: 'acme' },
  { why: 'an npm purl that names another scope', group: '@babel', name: 'core', purl: 'pkg:npm/%40other/core@1.0.0', spdx: '@babel/core', groupProperty: '@babel' },
  { why: 'a Maven purl with another groupId', group: 'org.example', name: 'core', purl: 'pkg:maven/com.google.zxing/core@3.5.0', spdx: 'org.example/core', groupProperty: 'org.example' },
];

describe('SPDX package names', () => {
  for (const r of rows) {
    it(`${r.why}: ${JSON.stringify(r.spdx)}, and back`, () => {
      const written = spdxPackageName(r);
      expect(written).toEqual({ name: r.spdx, groupProperty: r.groupProperty });
      expect(groupAndNameFromSpdx(written.name, r.purl, written.groupProperty)).toEqual({ group: r.group, name: r.name });
    });
  }

  it('reads the group of other producers from the purl only where it confirms the split', () => {
    // npm sbom / syft: `@scope/name` with the scoped purl.
    expect(groupAndNameFromSpdx('@nlpjs/core', 'pkg:npm/%40nlpjs/core@4.26.1', null)).toEqual({ group: '@nlpjs', name: 'core' });
    // Maven: the artifactId, or `groupId:artifactId`.
    expect(groupAndNameFromSpdx('junit', 'pkg:maven/junit/junit@4.12', null)).toEqual({ group: 'junit', name: 'junit' });
    expect(groupAndNameFromSpdx('org.slf4j:slf4j-api', 'pkg:maven/org.slf4j/slf4j-api@1.7.21', null)).toEqual({ group: 'org.slf4j', name: 'slf4j-api' });
    // A Maven package named in words (SPDX 2.3 example "Jena") keeps its name and has no group.
    expect(groupAndNameFromSpdx('Jena', 'pkg:maven/org.apache.jena/apache-jena@3.12.0', null)).toEqual({ group: null, name: 'Jena' });
    // A Go module path, a Composer name: the whole name (CycloneDX tools do not split them either).
    expect(groupAndNameFromSpdx('github.com/gorilla/mux', 'pkg:golang/github.com/gorilla/mux@v1.8.0', null)).toEqual({ group: null, name: 'github.com/gorilla/mux' });
    expect(groupAndNameFromSpdx('monolog/monolog', 'pkg:composer/monolog/monolog@3.5.0', null)).toEqual({ group: null, name: 'monolog/monolog' });
    // Without a purl or mamori's annotation a slash is part of the name.
    expect(groupAndNameFromSpdx('TCP/IP stack', null, null)).toEqual({ group: null, name: 'TCP/IP stack' });
    expect(groupAndNameFromSpdx('@babel/core', 'not a purl', null)).toEqual({ group: null, name: '@babel/core' });
  });

  it('a name that holds a slash without a group stays one name (Go module paths round-trip)', () => {
    const go = { group: null, name: 'github.com/gorilla/mux', purl: 'pkg:golang/github.com/gorilla/mux@v1.8.0' };
    const written = spdxPackageName(go);
    expect(written).toEqual({ name: 'github.com/gorilla/mux', groupProperty: null });
    expect(groupAndNameFromSpdx(written.name, go.purl, written.groupProperty)).toEqual({ group: null, name: go.name });
    expect(spdxGroupProperty).toBe('mamori:component:group');
  });
});
