/**
 * Lockfile parsers against osv-scanner's lockfile test expectations
 * (../shared/conformance/osv-lockfiles/expected-packages.json: one row per Go test case with its
 * parser, fixture under pkg/lockfile/, expected error and expected packages).
 *
 * How packages are compared: each side becomes a set of `ecosystem|name|version` strings (duplicates
 * collapse; order is ignored) and the sets must be equal (`exact-set`) or the expected set must be
 * contained in ours (`includes`). Fields compared and how:
 * - ecosystem: OSV's base ecosystem (`compareAs`, else `ecosystem`, without a release suffix such as
 *   `:v3.20`): mamori emits the base name and puts the release in the purl `distro` qualifier.
 * - name / version: as written by the parser; a missing version is ''. Debian packages compare by
 *   their source package (name and version), which is what osv-scanner reports and what Debian
 *   advisories name. mamori's component is the binary package; its source is taken from where the
 *   scanner takes it, the purl (`upstream` qualifier) mapped to its OSV package and version
 *   (core/identity/osv-ecosystem.ts), so the row checks what a scan of the SBOM would look up.
 *   Go versions compare without the leading `v` (OSV spells Go versions without it; go.mod and
 *   purls keep it). PyPI names compare in their PEP 503 normalised form: osv-scanner normalises
 *   requirements names, mamori keeps the name as the file spells it (`zope.interface`, `Twisted`)
 *   and normalises only where it matches, and PyPI treats the spellings as one project.
 * - commit, depGroups: not compared here (unit tests cover commits and dev flags).
 *
 * Deliberate differences, each asserted so the row still runs:
 * - requirements.txt: osv-scanner invents versions for unpinned lines (`flask` → 0.0.0, `keyring>=4.1.1`
 *   → 4.1.1). mamori never guesses: such lines are `unresolved`. Expected packages whose name mamori
 *   reports as unresolved are checked against the unresolved list instead of the package list.
 * - yarn berry: the root workspace (`name@workspace:.`) is the project itself; mamori reports it as
 *   the project (metadata.component), osv-scanner as a package. It is compared as a package here.
 * - knownDifferences below: rows where mamori follows the format's own tool rather than osv-scanner.
 * - refusedInsteadOfEmpty below: a file that is not of the format at all is an error, not an empty list.
 *
 * Error rows: `is:fs.ErrNotExist` → generateSbomFromPath returns `lockfile.not_found` (for
 * requirements, a missing `-r` file fails the tree as pip does); `contains:…` → the parser returns
 * `ok: false`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { osvPackageForPurlString } from '../../src/core/identity/osv-ecosystem.js';
import { parsePurl } from '../../src/core/identity/purl.js';
import { generateSbomFromPath } from '../../src/sbom/generate/from-path.js';
import { normalizePythonName } from '../../src/sbom/generate/python-name.js';
import {
  parseApkInstalled,
  parseCargoLock,
  parseComposerLock,
  parseDpkgStatus,
  parseGemfileLock,
  parseGoMod,
  parseGradleLockfile,
  parseMixLock,
  parseNugetPackagesLock,
  parsePackageLock,
  parsePipfileLock,
  parsePnpmLock,
  parsePoetryLock,
  parsePubspecLock,
  parseRequirementsTree,
  parseYarnLock,
  type LockfilePackage,
  type LockfileResult,
} from '../../src/sbom/generate/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = path.resolve(repoRoot, '..', 'shared', 'conformance', 'osv-lockfiles');
const expectedFile = path.join(base, 'expected-packages.json');
const present = existsSync(expectedFile);
const inCi = process.env.CI === 'true';

interface ExpectedPackage {
  readonly name: string;
  readonly version: string;
  readonly ecosystem: string;
  readonly compareAs: string;
}

interface Row {
  readonly test: string;
  readonly parser: string;
  readonly fixture: string;
  readonly expect_error: string | null;
  readonly assertion: 'exact-set' | 'includes';
  readonly packages: readonly ExpectedPackage[];
}

type Run = (text: string, file: string) => LockfileResult;

/** osv-scanner parser → mamori format and parser. */
const supported: Readonly<Record<string, { format: string; run: Run }>> = {
  ParseNpmLock: { format: 'package-lock', run: (t, f) => parsePackageLock(t, f) },
  // osv-scanner's node_modules extractor reads node_modules/.package-lock.json, the same format.
  testParsingNodeModules: { format: 'package-lock (node_modules/.package-lock.json)', run: (t, f) => parsePackageLock(t, f) },
  ParseYarnLock: { format: 'yarn-lock', run: (t, f) => parseYarnLock(t, f) },
  ParsePnpmLock: { format: 'pnpm-lock', run: (t, f) => parsePnpmLock(t, f) },
  ParseRequirementsTxt: {
    format: 'requirements-txt',
    run: (_t, f) => parseRequirementsTree(f, { read: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null), onMissing: 'fail' }),
  },
  ParsePoetryLock: { format: 'poetry-lock', run: (t, f) => parsePoetryLock(t, f) },
  ParsePipenvLock: { format: 'pipfile-lock', run: (t, f) => parsePipfileLock(t, f) },
  ParseCargoLock: { format: 'cargo-lock', run: (t, f) => parseCargoLock(t, f) },
  ParseGoLock: { format: 'go-mod', run: (t, f) => parseGoMod(t, f) },
  ParseGemfileLock: { format: 'gemfile-lock', run: (t, f) => parseGemfileLock(t, f) },
  ParseComposerLock: { format: 'composer-lock', run: (t, f) => parseComposerLock(t, f) },
  ParseNuGetLock: { format: 'nuget-packages-lock', run: (t, f) => parseNugetPackagesLock(t, f) },
  ParsePubspecLock: { format: 'pubspec-lock', run: (t, f) => parsePubspecLock(t, f) },
  ParseMixLock: { format: 'mix-lock', run: (t, f) => parseMixLock(t, f) },
  ParseGradleLock: { format: 'gradle-lockfile', run: (t, f) => parseGradleLockfile(t, f) },
  ParseDpkgStatus: { format: 'dpkg-status', run: (t, f) => parseDpkgStatus(t, f) },
  ParseApkInstalled: { format: 'apk-installed', run: (t, f) => parseApkInstalled(t, f) },
};

/** Formats in the file that this work does not cover (not asked for). */
const notAsked = ['ParseConanLock', 'ParseGradleVerificationMetadata', 'ParseMavenLock', 'ParsePdmLock', 'ParseRenvLock', 'ParseOSVScannerResults'];

/** Rows where mamori deliberately differs, with the reason; the listed keys are the only differences allowed. */
const knownDifferences: Readonly<Record<string, { readonly reason: string; readonly missing: readonly string[]; readonly extra: readonly string[] }>> = {
  TestParseRequirementsTxt_LineContinuation: {
    reason:
      'pip joins `bar == 4.5\\\\` with the next line `.6` (join_lines strips every trailing backslash), so pip installs bar==4.5.6; osv-scanner reads a literal `4.5\\\\`.',
    missing: ['PyPI|bar|4.5\\\\'],
    extra: ['PyPI|bar|4.5.6'],
  },
};

/**
 * Rows where osv-scanner returns no packages and no error for a file that is not of the format at
 * all, and mamori refuses it (`lockfile.invalid`): `sbom generate` must not write an empty SBOM for
 * an unreadable lockfile as if it were an empty one.
 */
const refusedInsteadOfEmpty: Readonly<Record<string, string>> = {
  TestParseDpkgStatus_NotAStatus: 'the file holds no `Package:` paragraph',
  TestParseApkInstalled_NotAnInstalled: 'the file holds no `P:` entry',
};

function key(ecosystem: string, name: string, version: string): string {
  return `${ecosystem}|${ecosystem === 'PyPI' ? normalizePythonName(name) : name}|${version}`;
}

function actualKey(p: LockfilePackage): string {
  if (p.ecosystem === 'Debian') {
    const mapped = p.purl === null ? null : osvPackageForPurlString(p.purl);
    if (!mapped?.ok) return key('Debian', `(no OSV package: ${p.purl ?? 'no purl'})`, '');
    const parsed = parsePurl(p.purl!);
    const version = mapped.version ?? (parsed.ok ? parsed.purl.version : null) ?? '';
    return key(mapped.package.ecosystem.split(':')[0]!, mapped.package.name, version);
  }
  const version = p.version ?? '';
  return key(p.ecosystem, p.name, p.ecosystem === 'Go' ? version.replace(/^v/, '') : version);
}

function expectedKey(p: ExpectedPackage): string {
  const ecosystem = (p.compareAs || p.ecosystem).split(':')[0]!;
  return key(ecosystem, p.name, p.version);
}

/** Compares one row; returns the problems (empty when it passes). */
async function check(row: Row, run: Run): Promise<string[]> {
  const file = path.resolve(base, 'pkg', 'lockfile', row.fixture);
  const isRequirements = row.parser === 'ParseRequirementsTxt';
  if (row.expect_error === 'is:fs.ErrNotExist' && !(isRequirements && existsSync(file))) {
    const result = await generateSbomFromPath(file);
    return !result.ok && result.error.code === 'lockfile.not_found' ? [] : [`expected lockfile.not_found, got ${JSON.stringify(result.ok ? 'ok' : result.error)}`];
  }
  const result = run(readFileSync(file, 'utf8'), file);
  if (row.expect_error !== null) {
    if (result.ok) return [`expected an error (${row.expect_error}), got ${result.value.packages.length} packages`];
    if (row.expect_error === 'is:fs.ErrNotExist' && result.error.code !== 'lockfile.not_found') return [`expected lockfile.not_found, got ${result.error.code}`];
    return [];
  }
  if (row.test in refusedInsteadOfEmpty) {
    if (row.packages.length !== 0) return ['refusedInsteadOfEmpty lists a row that expects packages'];
    return !result.ok && result.error.code === 'lockfile.invalid' ? [] : [`expected lockfile.invalid (${refusedInsteadOfEmpty[row.test]}), got ${JSON.stringify(result.ok ? 'ok' : result.error)}`];
  }
  if (!result.ok) return [`unexpected error ${result.error.code}: ${result.error.message}`];
  const actual = new Set(result.value.packages.map(actualKey));
  const project = result.value.project;
  if (row.parser === 'ParseYarnLock' && project?.name) actual.add(key('npm', project.name, project.version ?? ''));
  const unresolvedNames = new Set(result.value.unresolved.map((u) => normalizePythonName(u.name)));
  const expected = new Set<string>();
  const problems: string[] = [];
  for (const p of row.packages) {
    const k = expectedKey(p);
    if (isRequirements && !actual.has(k) && unresolvedNames.has(normalizePythonName(p.name))) continue; // unpinned: reported unresolved, not guessed
    expected.add(k);
  }
  const missing = [...expected].filter((k) => !actual.has(k)).sort();
  const extra = row.assertion === 'includes' ? [] : [...actual].filter((k) => !expected.has(k)).sort();
  const known = knownDifferences[row.test];
  if (known) {
    if (JSON.stringify(missing) !== JSON.stringify(known.missing) || JSON.stringify(extra) !== JSON.stringify(known.extra))
      problems.push(`known difference changed (${known.reason}): missing ${missing.join(', ')}; extra ${extra.join(', ')}`);
    return problems;
  }
  if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`extra ${extra.join(', ')}`);
  return problems;
}

describe('osv-scanner lockfile expectations (osv-lockfiles/expected-packages.json)', () => {
  if (!present) {
    it('needs ../shared/conformance/osv-lockfiles', () => {
      if (inCi) expect.fail(`conformance data missing: ${expectedFile}`);
      console.warn(`skipping lockfile conformance: ${expectedFile} is absent`);
    });
    return;
  }
  const rows = JSON.parse(readFileSync(expectedFile, 'utf8')) as Row[];

  it('covers every parser in the file (supported or listed as not asked for)', () => {
    const parsers = [...new Set(rows.map((r) => r.parser))];
    expect(parsers.filter((p) => !(p in supported) && !notAsked.includes(p))).toEqual([]);
    expect(rows.length).toBe(289);
  });

  for (const [parser, { format, run }] of Object.entries(supported)) {
    const cases = rows.filter((r) => r.parser === parser);
    it(`${format} (${parser}): ${cases.length} cases`, async () => {
      const failures: string[] = [];
      for (const row of cases) for (const p of await check(row, run)) failures.push(`${row.test} [${row.fixture}]: ${p}`);
      const failedTests = new Set(failures.map((f) => f.split(' ')[0]));
      expect(failures, `${format}: ${cases.length - failedTests.size}/${cases.length} passed`).toEqual([]);
    });
  }

  it.skip(`not asked for: ${notAsked.join(', ')}`, () => {});
});
