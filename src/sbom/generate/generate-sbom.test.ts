import { describe, expect, it } from 'vitest';
import { evaluateQuality } from '../../core/sbom/quality/evaluate-quality.js';
import { compliantContext } from '../../core/sbom/quality/quality-fixture.js';
import { generateSbom } from './generate-sbom.js';

const options = { timestamp: '2026-01-01T00:00:00Z', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000' };

const packageLock = JSON.stringify({
  name: 'device-ui',
  version: '2.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'device-ui', version: '2.0.0', dependencies: { '@scope/a': '^1' }, devDependencies: { b: '^1' } },
    'node_modules/@scope/a': { version: '1.0.0', dependencies: { b: '^1' } },
    'node_modules/b': { version: '1.0.0', dev: true },
  },
});

describe('generateSbom', () => {
  it('builds a CycloneDX 1.6 model with purl bomRefs, groups, scopes, edges and pre-build lifecycle', () => {
    const { document, warnings, files } = generateSbom(
      [
        { name: 'web/package-lock.json', text: packageLock },
        { name: 'gradle.lockfile', text: 'org.acme:core:1.0=runtimeClasspath\n' },
        { name: 'go.mod', text: 'module example.com/fw\n\nrequire github.com/x/y v1.0.0\n' },
      ],
      // One product whose files name two projects: each is a component of it.
      { ...options, name: 'Infusion Pump' },
    );
    expect(warnings.map((w) => w.code)).toEqual(['project.several']);
    expect(files.map((f) => [f.name, f.format, f.packages])).toEqual([
      ['go.mod', 'go-mod', 1],
      ['gradle.lockfile', 'gradle-lockfile', 1],
      ['web/package-lock.json', 'package-lock', 2],
    ]);
    expect(document).toMatchObject({ format: 'cyclonedx', specVersion: '1.6' });
    expect(document.metadata).toMatchObject({
      timestamp: options.timestamp,
      serialNumber: options.serialNumber,
      lifecycles: ['pre-build'],
      tools: [{ vendor: null, name: 'mamori', version: null }],
      name: 'Infusion Pump',
      component: { bomRef: 'project:Infusion Pump', type: 'application', name: 'Infusion Pump' },
    });
    expect(document.components.map((c) => [c.bomRef, c.group, c.name, c.version, c.scope, c.type])).toEqual([
      ['pkg:golang/github.com/x/y@v1.0.0', null, 'github.com/x/y', 'v1.0.0', null, 'library'],
      ['pkg:maven/org.acme/core@1.0', 'org.acme', 'core', '1.0', 'required', 'library'],
      ['pkg:npm/%40scope/a@1.0.0', '@scope', 'a', '1.0.0', 'required', 'library'],
      ['pkg:npm/b@1.0.0', null, 'b', '1.0.0', 'excluded', 'library'],
      ['project:device-ui@2.0.0', null, 'device-ui', '2.0.0', null, 'application'],
      ['project:example.com/fw', null, 'example.com/fw', null, null, 'application'],
    ]);
    expect(document.dependencies).toEqual([
      // gradle.lockfile names no project and no direct dependencies: its package hangs off the root.
      { ref: 'project:Infusion Pump', dependsOn: ['pkg:maven/org.acme/core@1.0', 'project:device-ui@2.0.0', 'project:example.com/fw'] },
      { ref: 'pkg:golang/github.com/x/y@v1.0.0', dependsOn: [] },
      { ref: 'pkg:npm/%40scope/a@1.0.0', dependsOn: ['pkg:npm/b@1.0.0'] },
      { ref: 'pkg:npm/b@1.0.0', dependsOn: [] },
      { ref: 'project:device-ui@2.0.0', dependsOn: ['pkg:npm/%40scope/a@1.0.0', 'pkg:npm/b@1.0.0'] },
      { ref: 'project:example.com/fw', dependsOn: ['pkg:golang/github.com/x/y@v1.0.0'] },
    ]);
  });

  it('makes every project a component when the files belong to several, under a root that depends on each, and says so', () => {
    const svc = (name: string, version: string, lodash: string) =>
      JSON.stringify({ name, version, lockfileVersion: 3, packages: { '': { name, version, dependencies: { lodash } }, 'node_modules/lodash': { version: lodash } } });
    const files = [
      { name: 'svc-a/package-lock.json', text: svc('svc-a', '1.0.0', '4.17.4') },
      { name: 'svc-b/package-lock.json', text: svc('svc-b', '1.0.1', '4.17.21') },
      // An unnamed project (pnpm) belongs to the root.
      { name: 'tools/pnpm-lock.yaml', text: "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: 2.1.3\n        version: 2.1.3\npackages:\n  ms@2.1.3: {}\nsnapshots:\n  ms@2.1.3: {}\n" },
    ];
    const { document, warnings } = generateSbom(files, { ...options, rootName: 'mono2' });
    expect(document.metadata.component).toMatchObject({ bomRef: 'project:mono2', type: 'application', name: 'mono2', version: null });
    expect(document.components.filter((c) => c.type === 'application').map((c) => [c.bomRef, c.name, c.version, c.purl, c.properties])).toEqual([
      ['project:svc-a@1.0.0', 'svc-a', '1.0.0', null, [{ name: 'mamori:lockfile:path', value: 'svc-a/package-lock.json' }]],
      ['project:svc-b@1.0.1', 'svc-b', '1.0.1', null, [{ name: 'mamori:lockfile:path', value: 'svc-b/package-lock.json' }]],
    ]);
    expect(document.dependencies).toEqual([
      { ref: 'project:mono2', dependsOn: ['pkg:npm/ms@2.1.3', 'project:svc-a@1.0.0', 'project:svc-b@1.0.1'] },
      { ref: 'pkg:npm/lodash@4.17.21', dependsOn: [] },
      { ref: 'pkg:npm/lodash@4.17.4', dependsOn: [] },
      { ref: 'pkg:npm/ms@2.1.3', dependsOn: [] },
      { ref: 'project:svc-a@1.0.0', dependsOn: ['pkg:npm/lodash@4.17.4'] },
      { ref: 'project:svc-b@1.0.1', dependsOn: ['pkg:npm/lodash@4.17.21'] },
    ]);
    expect(warnings.map((w) => [w.code, w.location, w.message])).toEqual([
      [
        'project.several',
        'svc-a/package-lock.json',
        '3 projects found: svc-a 1.0.0 (svc-a/package-lock.json), svc-b 1.0.1 (svc-b/package-lock.json), the packages of tools/pnpm-lock.yaml. The SBOM describes "mono2" (metadata.component), ' +
          'which depends on each project, an application component with its own dependencies, and directly on packages that belong to no named project; name the product with --name, or generate one SBOM per project folder',
      ],
    ]);
    // A product name given by the caller is the root; without one or a folder name, the projects' names.
    expect(generateSbom(files, { ...options, name: 'Pump' }).document.metadata.component?.bomRef).toBe('project:Pump');
    expect(generateSbom(files, options).document.metadata.component?.name).toBe('svc-a + svc-b');
    // A root named like a project without a version keeps a bomRef of its own.
    const same = generateSbom([{ name: 'a/go.mod', text: 'module pump\n' }, { name: 'b/go.mod', text: 'module other\n' }], { ...options, rootName: 'pump' });
    expect(same.document.metadata.component?.bomRef).toBe('project:pump#root');
    expect(same.document.components.map((c) => c.bomRef)).toContain('project:pump');
  });

  it('keeps two projects that share a name in different folders apart, and the lockfiles of one folder one project (QA sbomra 10)', () => {
    const goMod = 'module my-library\n\nrequire github.com/x/y v1.0.0\n';
    const uiLock = JSON.stringify({ name: 'my-library', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'my-library', version: '1.0.0', dependencies: { ms: '^2' } }, 'node_modules/ms': { version: '2.1.3' } } });
    const dpkg = 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2\nArchitecture: amd64\n';
    const files = [
      { name: 'svc/go.mod', text: goMod },
      { name: 'ui/package-lock.json', text: uiLock },
      { name: 'rootfs/var/lib/dpkg/status', text: dpkg },
    ];
    const { document, warnings } = generateSbom(files, { ...options, name: 'pump-firmware' });
    // The Go service and the npm UI: two application components, each with its own lockfile and dependencies.
    expect(document.components.filter((c) => c.type === 'application').map((c) => [c.bomRef, c.name, c.version, c.properties])).toEqual([
      ['project:my-library#svc/', 'my-library', null, [{ name: 'mamori:lockfile:path', value: 'svc/go.mod' }]],
      ['project:my-library@1.0.0#ui/', 'my-library', '1.0.0', [{ name: 'mamori:lockfile:path', value: 'ui/package-lock.json' }]],
    ]);
    const dependsOn = new Map(document.dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(dependsOn.get('project:pump-firmware')).toEqual([expect.stringMatching(/^pkg:deb\/debian\/bash@/), 'project:my-library#svc/', 'project:my-library@1.0.0#ui/']);
    expect(dependsOn.get('project:my-library#svc/')).toEqual(['pkg:golang/github.com/x/y@v1.0.0']);
    expect(dependsOn.get('project:my-library@1.0.0#ui/')).toEqual(['pkg:npm/ms@2.1.3']);
    expect(warnings.find((w) => w.code === 'project.several')?.message).toMatch(
      /^3 projects found: my-library \(svc\/go\.mod\), my-library 1\.0\.0 \(ui\/package-lock\.json\), the packages of rootfs\/var\/lib\/dpkg\/status\./,
    );
    // bomRefs are unique and the output does not depend on the order the files come in.
    const refs = document.components.map((c) => c.bomRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(JSON.stringify(generateSbom([...files].reverse(), { ...options, name: 'pump-firmware' }))).toBe(JSON.stringify(generateSbom(files, { ...options, name: 'pump-firmware' })));
    // Same name and version in two folders, one of them the top folder: the folder tells them apart.
    const twice = generateSbom([{ name: 'package-lock.json', text: uiLock }, { name: 'copy/package-lock.json', text: uiLock }], { ...options, rootName: 'repo' });
    expect(twice.document.components.filter((c) => c.type === 'application').map((c) => c.bomRef)).toEqual(['project:my-library@1.0.0#./', 'project:my-library@1.0.0#copy/']);
    // One folder's lockfiles that name one project (npm's and yarn's, yarn's named by its package.json) stay one project.
    const yarnLock = '# yarn lockfile v1\n\nms@^2:\n  version "2.1.3"\n';
    const manifest = JSON.stringify({ name: 'my-library', version: '1.0.0', dependencies: { ms: '^2' } });
    const one = generateSbom(
      [
        { name: 'ui/package-lock.json', text: uiLock },
        { name: 'ui/yarn.lock', text: yarnLock },
        { name: 'ui/package.json', text: manifest },
      ],
      { ...options, rootName: 'repo' },
    );
    expect(one.warnings.map((w) => w.code)).toEqual([]);
    expect(one.document.metadata.component).toMatchObject({ bomRef: 'project:my-library@1.0.0', name: 'my-library' });
    expect(one.document.components.map((c) => c.bomRef)).toEqual(['pkg:npm/ms@2.1.3']);
  });

  it('leaves no package out of the graph: an OS package database beside a lockfile, a lockfile naming only its project (QA secops 1)', () => {
    const dpkg = [
      'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nDepends: libgcc-s1\n',
      'Package: libgcc-s1\nStatus: install ok installed\nVersion: 12.2.0-14\nArchitecture: amd64\nDepends: libc6\n',
      'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2\nArchitecture: amd64\nDepends: base-files, libc6\n',
      'Package: base-files\nStatus: install ok installed\nVersion: 12.4\nArchitecture: amd64\n',
      'Package: tzdata\nStatus: install ok installed\nVersion: 2024a-0\nArchitecture: all\n',
    ].join('\n');
    // The package-lock names its project at the top level only (osv-lockfiles two-packages.v2.json).
    const lock = JSON.stringify({ name: 'pump-ui', version: '2.1.0', lockfileVersion: 2, packages: { '': { dependencies: { wrappy: '^1' } }, 'node_modules/wrappy': { version: '1.0.2' } } });
    const files = [
      { name: 'rootfs/var/lib/dpkg/status', text: dpkg },
      { name: 'ui/package-lock.json', text: lock },
    ];
    const { document, warnings } = generateSbom(files, { ...options, rootName: 'fw' });
    expect(document.metadata.component).toMatchObject({ bomRef: 'project:fw', name: 'fw' });
    const dependsOn = new Map(document.dependencies.map((d) => [d.ref, d.dependsOn]));
    // bash and tzdata: nothing depends on them; libc6 and libgcc-s1: reached through bash.
    expect(dependsOn.get('project:fw')).toEqual([expect.stringMatching(/^pkg:deb\/debian\/bash@/), expect.stringMatching(/^pkg:deb\/debian\/tzdata@/), 'project:pump-ui@2.1.0']);
    expect(dependsOn.get('project:pump-ui@2.1.0')).toEqual(['pkg:npm/wrappy@1.0.2']);
    const reached = new Set<string>();
    const walk = (ref: string) => {
      if (reached.has(ref)) return;
      reached.add(ref);
      for (const d of dependsOn.get(ref) ?? []) walk(d);
    };
    walk('project:fw');
    expect(document.components.filter((c) => !reached.has(c.bomRef)).map((c) => c.bomRef)).toEqual([]);
    expect(warnings.find((w) => w.code === 'project.several')?.message).toMatch(/^2 projects found: pump-ui 2\.1\.0 \(ui\/package-lock\.json\), the packages of rootfs\/var\/lib\/dpkg\/status\./);
    const graph = evaluateQuality(document, 'ntia-2021', compliantContext).checks.find((c) => c.id === 'component.relationship');
    expect([graph?.evaluated, graph?.failed]).toEqual([document.components.length, 0]);
    // A cycle nothing else reaches still gets an entry, and the package-lock alone is its own root.
    const cycle = generateSbom([{ name: 'status', text: dpkg.split('\n\n').slice(0, 2).join('\n\n') }], { ...options, rootName: 'os' });
    expect(cycle.document.dependencies[0]).toEqual({ ref: 'project:os', dependsOn: [expect.stringMatching(/^pkg:deb\/debian\/libc6@/)] });
    const alone = generateSbom([{ name: 'package-lock.json', text: lock }], options);
    expect(alone.document.metadata.component).toMatchObject({ bomRef: 'project:pump-ui@2.1.0' });
    expect(alone.document.dependencies[0]).toEqual({ ref: 'project:pump-ui@2.1.0', dependsOn: ['pkg:npm/wrappy@1.0.2'] });
  });

  it('is deterministic and merges a package found in several files into one component', () => {
    const a = [
      { name: 'b/requirements.txt', text: 'django==4.2.0\nflask\n' },
      { name: 'a/requirements.txt', text: 'Django==4.2.0\n' },
    ];
    const first = generateSbom(a, { ...options, name: 'Monitor' });
    const second = generateSbom([...a].reverse(), { ...options, name: 'Monitor' });
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(first.document.components).toHaveLength(1);
    expect(first.document.components[0]!.properties).toEqual([
      { name: 'mamori:lockfile:path', value: 'a/requirements.txt' },
      { name: 'mamori:lockfile:path', value: 'b/requirements.txt' },
    ]);
    expect(first.document.metadata.component?.name).toBe('Monitor');
    expect(first.warnings.map((w) => [w.code, w.location])).toEqual([['requirement.unpinned', 'b/requirements.txt line 2']]);
  });

  it('follows -r between the given files and reports unusable files as warnings', () => {
    const { document, warnings, files } = generateSbom(
      [
        { name: 'requirements.txt', text: '-r base.txt\n-r missing.txt\na==1\n' },
        { name: 'base.txt', text: 'b==2\n' },
        { name: 'Cargo.lock', text: 'not toml' },
        { name: 'notes.md', text: '# hi' },
        { name: 'etc/os-release', text: 'ID=debian\nVERSION_ID="12"\n' },
        { name: 'var/lib/dpkg/status', text: 'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\nArchitecture: amd64\n' },
      ],
      options,
    );
    expect(document.components.map((c) => c.purl)).toEqual([
      'pkg:deb/debian/zlib1g@1:1.2.13?arch=amd64&distro=debian-12',
      'pkg:pypi/a@1',
      'pkg:pypi/b@2',
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['lockfile.invalid', 'lockfile.unrecognised', 'file.missing']);
    expect(files.find((f) => f.name === 'Cargo.lock')?.error?.code).toBe('lockfile.invalid');
    expect(document.metadata.component).toBeNull();
  });

  it('names Ubuntu packages pkg:deb/ubuntu from os-release (ID, else ID_LIKE), with the Ubuntu release as distro', () => {
    const status = { name: 'var/lib/dpkg/status', text: 'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.2-0ubuntu1.15\n' };
    const ubuntu = generateSbom([{ name: 'etc/os-release', text: 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n' }, status], options);
    expect(ubuntu.document.components.map((c) => c.purl)).toEqual(['pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04&upstream=openssl']);
    const mint = generateSbom([{ name: 'etc/os-release', text: "ID=linuxmint\nID_LIKE='ubuntu debian'\nVERSION_ID=21.2\n" }, status], options);
    expect(mint.document.components.map((c) => c.purl)).toEqual(['pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=linuxmint-21.2&upstream=openssl']);
  });

  it('writes the hashes and licences lockfiles record, so the hash and licence quality checks pass', () => {
    const integrity = 'sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw==';
    const sha512 = '9a83fc7b16f6b021cb51b264c29f88e82d2969d872e03f25a7449d9b363b1e149d66eaa6ecefeede8d9aabbbbca24690fffdf7403ce3dc6feef85b12741f10cf';
    const lock = (license: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/fastify': { version: '5.12.8', license, integrity }, 'node_modules/inhouse': { version: '1.0.0', license: 'Proprietary', integrity } } });
    const { document } = generateSbom(
      [
        { name: 'a/package-lock.json', text: lock('mit') },
        // The same package in a second file: one component, hashes not repeated, the first licence kept.
        { name: 'b/package-lock.json', text: lock('Apache-2.0') },
      ],
      options,
    );
    expect(document.components.map((c) => [c.name, c.hashes, c.licenses])).toEqual([
      ['fastify', [{ alg: 'SHA-512', content: sha512 }], [{ expression: 'MIT', name: null, acknowledgement: 'declared' }]],
      // Not on the SPDX licence list: a licence name, not an expression.
      ['inhouse', [{ alg: 'SHA-512', content: sha512 }], [{ expression: null, name: 'Proprietary', acknowledgement: 'declared' }]],
    ]);
    for (const [profile, check] of [
      ['cisa-2026', 'component.hash'],
      ['cisa-2026', 'component.license'],
      ['bsi-tr-03183-2', 'component.hash.sha512'],
      ['bsi-tr-03183-2', 'component.license.declared'],
    ] as const) {
      const result = evaluateQuality(document, profile).checks.find((c) => c.id === check);
      expect([profile, check, result?.status, result?.passed]).toEqual([profile, check, 'pass', 2]);
    }
  });

  it('keeps packages without a purl under a deterministic lockfile: bomRef', () => {
    const { document } = generateSbom(
      [{ name: 'go.mod', text: 'module m\nrequire golang.org/x/net v1.0.0\nreplace golang.org/x/net => ./net\n' }],
      options,
    );
    expect(document.components.map((c) => [c.bomRef, c.purl])).toEqual([['lockfile:Go/./net@', null]]);
  });
});
