import { describe, expect, it } from 'vitest';
import { detectLockfile } from './detect-lockfile.js';

describe('detectLockfile', () => {
  it.each([
    ['package-lock.json', 'package-lock'],
    ['sub/npm-shrinkwrap.json', 'package-lock'],
    ['yarn.lock', 'yarn-lock'],
    ['pnpm-lock.yaml', 'pnpm-lock'],
    ['requirements.txt', 'requirements-txt'],
    ['requirements-dev.txt', 'requirements-txt'],
    ['dev-requirements.txt', 'requirements-txt'],
    ['poetry.lock', 'poetry-lock'],
    ['Pipfile.lock', 'pipfile-lock'],
    ['Cargo.lock', 'cargo-lock'],
    ['go.mod', 'go-mod'],
    ['Gemfile.lock', 'gemfile-lock'],
    ['composer.lock', 'composer-lock'],
    ['packages.lock.json', 'nuget-packages-lock'],
    ['pubspec.lock', 'pubspec-lock'],
    ['mix.lock', 'mix-lock'],
    ['gradle.lockfile', 'gradle-lockfile'],
    ['buildscript-gradle.lockfile', 'gradle-lockfile'],
    ['rootfs/var/lib/dpkg/status', 'dpkg-status'],
    ['C:\\img\\lib\\apk\\db\\installed', 'apk-installed'],
    ['package.json', null],
    ['README.md', null],
  ] as const)('%s → %s', (name, format) => {
    expect(detectLockfile(name)).toBe(format);
  });

  it('looks at the text for generic names', () => {
    expect(detectLockfile('status', 'Package: a\nStatus: install ok installed\n')).toBe('dpkg-status');
    expect(detectLockfile('status', 'all good')).toBeNull();
    expect(detectLockfile('installed', 'P:musl\nV:1.2.3-r4\n')).toBe('apk-installed');
  });
});
