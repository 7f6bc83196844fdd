/**
 * Go `go.mod` (https://go.dev/ref/mod#go-mod-file). Read: `module`, `go`, `toolchain`, `require`
 * (single lines and blocks; `// indirect` marks indirect requirements), `replace` (single and
 * blocks; `old [v] => new [v]`). `exclude`, `retract`, `godebug`, `tool`, `ignore` are understood
 * and do not add packages. A replacement applies to the requirement it names (with or without a
 * version) and replaces path and version; a local-path replacement (`=> ./fork`) keeps the path as
 * the name, has no version and no purl. Replacements of modules that are not required are ignored.
 *
 * The Go standard library is reported as module `stdlib` (purl `pkg:golang/stdlib@<version>`, as
 * syft and osv-scanner write it; the scanner maps it to OSV `Go`/`stdlib`) at the `toolchain` version
 * when given, else at the `go` directive's version (the minimum the module builds with), so that
 * standard library advisories can be matched. Versions keep Go's `v` prefix (go.mod's own spelling; OSV
 * writes them without it, and mamori's Go scheme accepts both).
 *
 * `// indirect` requirements are all packages too; the project's direct dependencies (the graph
 * edge from the module to what it requires) are the requirements without `// indirect`.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

interface Requirement {
  readonly path: string;
  readonly version: string;
  readonly indirect: boolean;
  readonly line: number;
}

interface Replacement {
  readonly oldPath: string;
  readonly oldVersion: string | null;
  readonly newPath: string;
  readonly newVersion: string | null;
}

const verbs = new Set(['module', 'go', 'toolchain', 'require', 'replace', 'exclude', 'retract', 'godebug', 'tool', 'ignore']);

function unquote(token: string): string {
  return token.startsWith('"') && token.endsWith('"') && token.length >= 2 ? token.slice(1, -1) : token.replace(/^`|`$/g, '');
}

function isLocal(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path === '.' || path === '..';
}

export function parseGoMod(source: string, fileName = 'go.mod', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const requirements: Requirement[] = [];
  const replacements: Replacement[] = [];
  const warnings: SbomDiagnostic[] = [];
  let module: string | null = null;
  let goVersion: string | null = null;
  let toolchain: string | null = null;
  let block: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const commentAt = raw.indexOf('//');
    const comment = commentAt >= 0 ? raw.slice(commentAt + 2).trim() : '';
    const content = (commentAt >= 0 ? raw.slice(0, commentAt) : raw).trim();
    if (content === '') continue;
    let verb: string;
    let args: string[];
    if (block !== null) {
      if (content === ')') {
        block = null;
        continue;
      }
      verb = block;
      args = content.split(/\s+/);
    } else {
      const tokens = content.split(/\s+/);
      verb = tokens[0]!;
      if (!verbs.has(verb)) return failed('lockfile.invalid', `${fileName} line ${i + 1}: unknown directive ${JSON.stringify(verb)}; not a go.mod file`);
      args = tokens.slice(1);
      if (args.length === 1 && args[0] === '(') {
        block = verb;
        continue;
      }
    }
    const location = `${fileName} line ${i + 1}`;
    switch (verb) {
      case 'module':
        module = unquote(args[0] ?? '') || null;
        break;
      case 'go':
        goVersion = args[0] ?? null;
        break;
      case 'toolchain':
        toolchain = args[0]?.replace(/^go/, '') ?? null;
        break;
      case 'require':
        if (args.length < 2) warnings.push(warning('gomod.syntax', location, 'require needs a module path and a version'));
        else if (requirements.length < limits.maxPackages)
          requirements.push({ path: unquote(args[0]!), version: args[1]!, indirect: /^indirect\b/.test(comment), line: i + 1 });
        break;
      case 'replace': {
        const arrow = args.indexOf('=>');
        if (arrow < 1 || arrow > 2 || args.length < arrow + 2) {
          warnings.push(warning('gomod.syntax', location, 'replace needs `old [version] => new [version]`'));
          break;
        }
        replacements.push({
          oldPath: unquote(args[0]!),
          oldVersion: arrow === 2 ? args[1]! : null,
          newPath: unquote(args[arrow + 1]!),
          newVersion: args[arrow + 2] ?? null,
        });
        break;
      }
      default:
        break;
    }
  }
  const packages: LockfilePackage[] = [];
  for (const r of requirements) {
    const rep =
      replacements.find((x) => x.oldPath === r.path && x.oldVersion === r.version) ?? replacements.find((x) => x.oldPath === r.path && x.oldVersion === null);
    const location = `${fileName} line ${r.line}`;
    if (rep && isLocal(rep.newPath)) {
      packages.push(lockfilePackage({ ecosystem: 'Go', name: rep.newPath, version: null, purl: null, dev: null, location }));
      warnings.push(warning('package.local', location, `${r.path} is replaced by the local directory ${rep.newPath}; no version or purl`));
      continue;
    }
    const name = rep ? rep.newPath : r.path;
    const version = rep ? (rep.newVersion ?? r.version) : r.version;
    packages.push(
      lockfilePackage({
        ecosystem: 'Go',
        name,
        version,
        purl: packagePurl('Go', name, version),
        location,
      }),
    );
  }
  const stdlibVersion = toolchain ?? goVersion;
  if (stdlibVersion !== null)
    packages.push(lockfilePackage({ ecosystem: 'Go', name: 'stdlib', version: stdlibVersion, purl: packagePurl('Go', 'stdlib', stdlibVersion), location: fileName }));
  const direct = requirements
    .map((r, i) => (r.indirect ? null : packages[i]?.purl ?? null))
    .filter((p): p is string => p !== null);
  return parsed(packages, warnings, module === null ? null : { name: module, version: null, dependencies: direct });
}
