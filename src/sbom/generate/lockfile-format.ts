/**
 * The lockfile and manifest formats mamori generates SBOMs from, each with its parser. A format's
 * id is the name of its parser's file.
 */
import { parseApkInstalled } from './apk-installed.js';
import { parseCargoLock } from './cargo-lock.js';
import { parseComposerLock } from './composer-lock.js';
import { parseDpkgStatus } from './dpkg-status.js';
import { parseGemfileLock } from './gemfile-lock.js';
import { parseGoMod } from './go-mod.js';
import { parseGradleLockfile } from './gradle-lockfile.js';
import type { Ecosystem, LockfileParser } from './lockfile-package.js';
import { parseMixLock } from './mix-lock.js';
import { parseNugetPackagesLock } from './nuget-packages-lock.js';
import { parsePackageLock } from './package-lock.js';
import { parsePipfileLock } from './pipfile-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parsePoetryLock } from './poetry-lock.js';
import { parsePubspecLock } from './pubspec-lock.js';
import { parseRequirementsTxt } from './requirements-txt.js';
import { parseYarnLock } from './yarn-lock.js';

export const lockfileFormats = [
  'package-lock',
  'yarn-lock',
  'pnpm-lock',
  'requirements-txt',
  'poetry-lock',
  'pipfile-lock',
  'cargo-lock',
  'go-mod',
  'gemfile-lock',
  'composer-lock',
  'nuget-packages-lock',
  'pubspec-lock',
  'mix-lock',
  'gradle-lockfile',
  'dpkg-status',
  'apk-installed',
] as const;
export type LockfileFormat = (typeof lockfileFormats)[number];

export interface LockfileFormatInfo {
  readonly ecosystem: Ecosystem;
  readonly parse: LockfileParser;
}

export const lockfileFormatInfo: Readonly<Record<LockfileFormat, LockfileFormatInfo>> = {
  'package-lock': { ecosystem: 'npm', parse: (t, n) => parsePackageLock(t, n) },
  'yarn-lock': { ecosystem: 'npm', parse: (t, n) => parseYarnLock(t, n) },
  'pnpm-lock': { ecosystem: 'npm', parse: (t, n) => parsePnpmLock(t, n) },
  'requirements-txt': { ecosystem: 'PyPI', parse: (t, n) => parseRequirementsTxt(t, n) },
  'poetry-lock': { ecosystem: 'PyPI', parse: (t, n) => parsePoetryLock(t, n) },
  'pipfile-lock': { ecosystem: 'PyPI', parse: (t, n) => parsePipfileLock(t, n) },
  'cargo-lock': { ecosystem: 'crates.io', parse: (t, n) => parseCargoLock(t, n) },
  'go-mod': { ecosystem: 'Go', parse: (t, n) => parseGoMod(t, n) },
  'gemfile-lock': { ecosystem: 'RubyGems', parse: (t, n) => parseGemfileLock(t, n) },
  'composer-lock': { ecosystem: 'Packagist', parse: (t, n) => parseComposerLock(t, n) },
  'nuget-packages-lock': { ecosystem: 'NuGet', parse: (t, n) => parseNugetPackagesLock(t, n) },
  'pubspec-lock': { ecosystem: 'Pub', parse: (t, n) => parsePubspecLock(t, n) },
  'mix-lock': { ecosystem: 'Hex', parse: (t, n) => parseMixLock(t, n) },
  'gradle-lockfile': { ecosystem: 'Maven', parse: (t, n) => parseGradleLockfile(t, n) },
  'dpkg-status': { ecosystem: 'Debian', parse: (t, n) => parseDpkgStatus(t, n) },
  'apk-installed': { ecosystem: 'Alpine', parse: (t, n) => parseApkInstalled(t, n) },
};
