import { describe, expect, it } from 'vitest';
import { parseYarnLock } from './yarn-lock.js';

const classic = `# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"
  dependencies:
    "@babel/highlight" "^7.12.13"

"@babel/highlight@^7.12.13":
  version "7.13.10"

"cjs@npm:strip-ansi@^6.0.0":
  version "6.0.1"

mine@git+https://github.com/o/mine.git#0a2d2506c1fe299691fc5db53a2097db3bd615bc:
  version "1.0.0"
  resolved "git+https://github.com/o/mine.git#0a2d2506c1fe299691fc5db53a2097db3bd615bc"
`;

const berry = `__metadata:
  version: 6
  cacheKey: 8

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    left-pad: ^1.3.0

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"

"alias@npm:is-odd@^3.0.0":
  version: 3.0.1
  resolution: "is-odd@npm:3.0.1"
`;

describe('parseYarnLock', () => {
  it('reads classic entries, aliases, commits and dependency edges', () => {
    const r = parseYarnLock(classic);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      '@babel/code-frame@7.12.13',
      '@babel/highlight@7.13.10',
      'strip-ansi@6.0.1',
      'mine@1.0.0',
    ]);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:npm/%40babel/highlight@7.13.10']);
    expect(r.value.packages[3]!.commit).toBe('0a2d2506c1fe299691fc5db53a2097db3bd615bc');
  });

  it('reads berry entries; the root workspace is the project', () => {
    const r = parseYarnLock(berry);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => p.purl)).toEqual(['pkg:npm/left-pad@1.3.0', 'pkg:npm/is-odd@3.0.1']);
    expect(r.value.project).toEqual({ name: 'app', version: '0.0.0-use.local', dependencies: ['pkg:npm/left-pad@1.3.0'] });
  });

  it('marks packages reachable only from the manifests\' devDependencies as dev, and names the project from package.json', () => {
    const lock = `# yarn lockfile v1


lodash@^4.17.21:
  version "4.17.21"

typescript@^5.4.0:
  version "5.4.5"
  dependencies:
    shared "^1.0.0"

shared@^1.0.0:
  version "1.0.0"

jest@^29.0.0:
  version "29.7.0"
  dependencies:
    shared "^1.0.0"

orphan@^1.0.0:
  version "1.0.0"
`;
    const root = { name: 'pump-ui', version: '2.1.0', workspaces: ['packages/*'], dependencies: { lodash: '^4.17.21' }, devDependencies: { typescript: '^5.4.0' } };
    // A workspace needs shared at run time: shared is not dev although typescript (dev) needs it too.
    const member = { name: '@pump/core', devDependencies: { jest: '^29.0.0' }, dependencies: { shared: '^1.0.0' } };
    const r = parseYarnLock(lock, 'yarn.lock', undefined, [root, member]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.dev])).toEqual([
      ['lodash', false],
      ['typescript', true],
      ['shared', false],
      ['jest', true],
      ['orphan', null],
    ]);
    expect(r.value.project).toEqual({ name: 'pump-ui', version: '2.1.0', dependencies: ['pkg:npm/lodash@4.17.21', 'pkg:npm/typescript@5.4.5'] });
    // Without manifests nothing is said about dev, and no project is named.
    const bare = parseYarnLock(lock);
    expect(bare.ok && [bare.value.packages.map((p) => p.dev), bare.value.project]).toEqual([[null, null, null, null, null], null]);
    // Berry keys its entries by `name@npm:range`; its project stays the root workspace.
    const b = parseYarnLock(berry, 'yarn.lock', undefined, [{ name: 'app', devDependencies: { 'left-pad': '^1.3.0' } }]);
    expect(b.ok && b.value.packages.map((p) => [p.name, p.dev])).toEqual([
      ['left-pad', true],
      ['is-odd', null],
    ]);
    expect(b.ok && b.value.project?.name).toBe('app');
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseYarnLock('__metadata:\n  version: [\n')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseYarnLock('this is not a lockfile')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseYarnLock('')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
