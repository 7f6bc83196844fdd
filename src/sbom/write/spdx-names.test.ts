/**
 * Groups survive an SPDX export (QA hospital L6 / CI L8): the SPDX package names carry them as SPDX
 * producers write them (core/sbom/spdx-package-name.ts), and mamori reads them back into group +
 * name, so the CycloneDX and SPDX exports of one document diff as the same components.
 */
import { describe, expect, it } from 'vitest';
import { diffSbom } from '../../core/sbom/diff.js';
import { component, type SbomDocument } from '../../core/sbom/model.js';
import { readSbom } from '../read/index.js';
import { writeSbom } from './index.js';
import { baseOptions } from './write-fixture.js';

const components = [
  component({ bomRef: 'babel', name: 'core', group: '@babel', version: '7.24.0', purl: 'pkg:npm/%40babel/core@7.24.0' }),
  component({ bomRef: 'nlpjs', name: 'core', group: '@nlpjs', version: '4.26.1', purl: 'pkg:npm/%40nlpjs/core@4.26.1' }),
  component({ bomRef: 'lodash', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' }),
  component({ bomRef: 'lang3', name: 'commons-lang3', group: 'org.apache.commons', version: '3.4', purl: 'pkg:maven/org.apache.commons/commons-lang3@3.4' }),
  component({ bomRef: 'mux', name: 'github.com/gorilla/mux', version: 'v1.8.0', purl: 'pkg:golang/github.com/gorilla/mux@v1.8.0' }),
  // A manual component: group, no purl (the tester saw it removed and added by `sbom diff`).
  component({ bomRef: 'windows', type: 'operating-system', name: 'Windows 10 IoT Enterprise LTSC 2019', group: 'Microsoft', version: '1809', cpe: 'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:*:*' }),
  component({ bomRef: 'fw', type: 'firmware', name: 'pump-firmware', group: 'acme', version: '2.0.0', purl: 'pkg:generic/acme/pump-firmware@2.0.0' }),
];

const doc: SbomDocument = {
  format: 'cyclonedx',
  specVersion: '1.6',
  encoding: 'json',
  metadata: {
    serialNumber: null,
    version: 1,
    timestamp: null,
    name: null,
    authors: [],
    supplier: null,
    tools: [],
    lifecycles: [],
    component: null,
    licenses: [],
    properties: [],
    externalReferences: [],
  },
  components,
  dependencies: [],
};

function readBack(text: string): SbomDocument {
  const r = readSbom(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(r.message);
  return r.document;
}

describe('groups in SPDX package names', () => {
  it('writes npm scopes and groups into the package names, the Maven artifactId alone', () => {
    const spdx = JSON.parse(writeSbom(doc, 'spdx-2.3-json', baseOptions)) as {
      packages: { SPDXID: string; name: string; annotations?: { comment: string }[] }[];
    };
    const byId = new Map(spdx.packages.map((p) => [p.SPDXID, p]));
    expect(byId.get('SPDXRef-babel')?.name).toBe('@babel/core');
    expect(byId.get('SPDXRef-nlpjs')?.name).toBe('@nlpjs/core');
    expect(byId.get('SPDXRef-lodash')?.name).toBe('lodash');
    expect(byId.get('SPDXRef-lang3')?.name).toBe('commons-lang3');
    expect(byId.get('SPDXRef-mux')?.name).toBe('github.com/gorilla/mux');
    expect(byId.get('SPDXRef-windows')?.name).toBe('Microsoft/Windows 10 IoT Enterprise LTSC 2019');
    // A group the purl does not confirm is told to mamori's reader by an annotation; a confirmed one is not.
    expect(byId.get('SPDXRef-windows')?.annotations?.map((a) => a.comment)).toEqual(['mamori:component:group=Microsoft']);
    expect(byId.get('SPDXRef-fw')?.annotations?.map((a) => a.comment)).toEqual(['mamori:component:group=acme']);
    expect(byId.get('SPDXRef-babel')?.annotations).toBeUndefined();
  });

  it('CycloneDX → SPDX → model keeps group and name, and adds no property', () => {
    const back = readBack(writeSbom(doc, 'spdx-2.3-json', baseOptions));
    const key = (c: { bomRef: string; group: string | null; name: string; properties: readonly unknown[] }) => [c.bomRef.replace(/^SPDXRef-/, ''), c.group, c.name, c.properties.length];
    expect(back.components.map(key).sort()).toEqual(components.map(key).sort());
  });

  it('`sbom diff` of the CycloneDX and the SPDX export of one document finds no added, removed or renamed component', () => {
    const cdx = readBack(writeSbom(doc, 'cyclonedx-1.6-json', baseOptions));
    const spdx = readBack(writeSbom(doc, 'spdx-2.3-json', baseOptions));
    const diff = diffSbom(cdx, spdx);
    expect([diff.added, diff.removed]).toEqual([[], []]);
    const changes = [...diff.upgraded, ...diff.downgraded, ...diff.versionChanged, ...diff.modified];
    expect(changes.filter((c) => c.old.name !== c.new.name || c.old.group !== c.new.group)).toEqual([]);
    expect(diff.summary.unchanged + diff.summary.modified).toBe(components.length);
  });
});
