/**
 * Which lockfile format a file is, from its name (a path; only the last segments matter) and, for
 * the distribution databases whose names are generic (`status`, `installed`), a look at its text.
 * Returns null for files that are none of the supported formats.
 */
import type { LockfileFormat } from './lockfile-format.js';

const byName: Readonly<Record<string, LockfileFormat>> = {
  'package-lock.json': 'package-lock',
  'npm-shrinkwrap.json': 'package-lock',
  '.package-lock.json': 'package-lock',
  'yarn.lock': 'yarn-lock',
  'pnpm-lock.yaml': 'pnpm-lock',
  'poetry.lock': 'poetry-lock',
  'pipfile.lock': 'pipfile-lock',
  'cargo.lock': 'cargo-lock',
  'go.mod': 'go-mod',
  'gemfile.lock': 'gemfile-lock',
  'gems.locked': 'gemfile-lock',
  'composer.lock': 'composer-lock',
  'packages.lock.json': 'nuget-packages-lock',
  'pubspec.lock': 'pubspec-lock',
  'mix.lock': 'mix-lock',
  'gradle.lockfile': 'gradle-lockfile',
  'buildscript-gradle.lockfile': 'gradle-lockfile',
};

/** The file names `detectLockfile` accepts, as users spell them (names match case-insensitively). */
export const supportedLockfileNames: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'node_modules/.package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'requirements*.txt',
  'poetry.lock',
  'Pipfile.lock',
  'Cargo.lock',
  'go.mod',
  'Gemfile.lock',
  'gems.locked',
  'composer.lock',
  'packages.lock.json',
  'pubspec.lock',
  'mix.lock',
  'gradle.lockfile',
  'buildscript-gradle.lockfile',
  'var/lib/dpkg/status',
  'lib/apk/db/installed',
];

export function detectLockfile(fileName: string, text = ''): LockfileFormat | null {
  const path = fileName.replace(/\\/g, '/');
  const base = (path.split('/').pop() ?? '').toLowerCase();
  const known = byName[base];
  if (known) return known;
  if (/^requirements[\w.-]*\.txt$/.test(base) || /[\w.-]*-requirements\.txt$/.test(base) || base.endsWith('.requirements.txt')) return 'requirements-txt';
  const head = text.slice(0, 64 * 1024);
  if (path.endsWith('var/lib/dpkg/status') || (base === 'status' && /^Package: /m.test(head) && /^Status: /m.test(head))) return 'dpkg-status';
  if (path.endsWith('lib/apk/db/installed') || (base === 'installed' && /^P:/m.test(head) && /^V:/m.test(head))) return 'apk-installed';
  return null;
}
