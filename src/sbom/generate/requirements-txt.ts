/**
 * pip requirements files (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
 * Only exact pins (`name==1.2.3`, `name===1.2.3`, extras and environment markers allowed) become
 * packages. Everything else — no version, ranges (`>=`, `~=`, `!=`, several clauses), wildcards
 * (`==1.*`), URLs, paths, editable installs — is reported in `unresolved`, never guessed.
 *
 * Lines are read as pip reads them: a trailing `\` joins the next line (before comments are
 * removed), `#` after whitespace starts a comment, per-requirement options (`--hash=…`) are
 * dropped. `-r`/`--requirement` files are listed in `references`; parseRequirementsTree follows
 * them (cycles are visited once). `-c` constraint files do not add packages and are not followed.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult, type UnresolvedPackage } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

/** pip's join_lines: a line ending in `\` continues on the next one (comment lines never continue). */
function logicalLines(lines: readonly string[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let buffer: string[] = [];
  let start = 0;
  lines.forEach((raw, i) => {
    const isComment = /^\s*#/.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      const piece = isComment ? ` ${raw}` : raw;
      if (buffer.length > 0) {
        buffer.push(piece);
        out.push({ line: start + 1, text: buffer.join('') });
        buffer = [];
      } else out.push({ line: i + 1, text: piece });
    } else {
      if (buffer.length === 0) start = i;
      buffer.push(raw.replace(/^\\+|\\+$/g, ''));
    }
  });
  if (buffer.length > 0) out.push({ line: start + 1, text: buffer.join('') });
  return out;
}

const requirementPattern = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

export function parseRequirementsTxt(source: string, fileName = 'requirements.txt', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const packages: LockfilePackage[] = [];
  const unresolved: UnresolvedPackage[] = [];
  const references: string[] = [];
  const warnings: SbomDiagnostic[] = [];
  /** Lines that are no requirement, option or reference at all (pip refuses them: "Invalid requirement"). */
  const syntax: { location: string; text: string }[] = [];
  let recognised = 0;
  for (const { line, text: raw } of logicalLines(lines)) {
    const content = raw.replace(/(^|\s+)#.*$/, '').trim();
    if (content === '') continue;
    const location = `${fileName} line ${line}`;
    const option = /^(-r|--requirement)(?:\s+|=|(?=\S))(\S+)/.exec(content);
    if (option) {
      recognised++;
      references.push(option[2]!);
      continue;
    }
    if (/^(-e|--editable)\b/.test(content)) {
      recognised++;
      unresolved.push({ name: content.replace(/^(-e|--editable)[\s=]*/, ''), specifier: '-e', location });
      continue;
    }
    if (content.startsWith('-')) {
      recognised++;
      continue; // global options: -c, -i, --index-url, --find-links, …
    }
    // Per-requirement options start at the first ` --`; markers at `;`.
    const requirement = content.replace(/\s+--?[A-Za-z].*$/, '').replace(/\s*;.*$/, '').trim();
    const m = requirementPattern.exec(requirement);
    const spec = m ? m[3]!.trim() : '';
    // A URL, or a path (a name followed by `@ url` is a requirement, not a path).
    const urlOrPath =
      /^[a-z+]+:\/\//i.test(requirement) || requirement.startsWith('.') || requirement.startsWith('/') || (/^[^\s<>"|*?]*[/\\][^\s<>"|*?]*$/.test(requirement) && !spec.startsWith('@'));
    // After the name and extras, PEP 508 allows only a version specifier, `@ url` or nothing.
    if (!urlOrPath && (!m || (spec !== '' && !/^(===?|!=|<=?|>=?|~=|\(|@)/.test(spec)))) {
      syntax.push({ location, text: content });
      continue;
    }
    recognised++;
    if (!m || urlOrPath) {
      unresolved.push({ name: requirement, specifier: 'url-or-path', location });
      continue;
    }
    // The name as the file spells it; the purl is normalised per the purl spec (packagePurl).
    const name = m[1]!;
    if (spec.startsWith('@')) {
      unresolved.push({ name, specifier: spec, location });
      continue;
    }
    const pin = /^===?\s*([^\s,*=<>!~]+)$/.exec(spec);
    if (!pin) {
      unresolved.push({ name, specifier: spec, location });
      continue;
    }
    if (packages.length >= limits.maxPackages) {
      warnings.push(warning('limit.packages', location, `more than ${limits.maxPackages} requirements; the rest are left out`));
      break;
    }
    const version = pin[1]!;
    packages.push(lockfilePackage({ ecosystem: 'PyPI', name, version, purl: packagePurl('PyPI', name, version), location }));
  }
  if (recognised === 0 && syntax.length > 0)
    return failed('lockfile.invalid', `${syntax[0]!.location}: ${JSON.stringify(syntax[0]!.text.slice(0, 80))} is not a requirement; the file is not a pip requirements file or is damaged`);
  for (const x of syntax) warnings.push(warning('requirement.syntax', x.location, `${JSON.stringify(x.text.slice(0, 80))} is not a requirement (pip would refuse the file); left out`));
  for (const u of unresolved)
    warnings.push(
      warning('requirement.unpinned', u.location, `${u.name} is not pinned to one version (${u.specifier === '' ? 'no version' : u.specifier}); not added`),
    );
  return parsed(packages, warnings, null, { unresolved, references });
}

/** Joins a reference (`./a/../b.txt`) to the directory of the file that contains it, posix-style. */
function joinPath(from: string, reference: string): string {
  if (reference.startsWith('/')) return normalize(reference);
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  return normalize(dir + reference);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '.' || (seg === '' && out.length > 0)) continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export interface RequirementsTreeOptions {
  /** Text of a file by its (posix) path, or null when it does not exist. */
  readonly read: (path: string) => string | null;
  /** A missing `-r` file fails the tree ('fail', as pip does) or is reported as a warning ('warn'). */
  readonly onMissing?: 'fail' | 'warn';
  readonly maxFiles?: number;
  readonly limits?: LockfileLimits;
}

/** Reads a requirements file and every file it includes with `-r`, each once. */
export function parseRequirementsTree(rootPath: string, options: RequirementsTreeOptions): LockfileResult {
  const maxFiles = options.maxFiles ?? 64;
  const seen = new Set<string>();
  const packages: LockfilePackage[] = [];
  const unresolved: UnresolvedPackage[] = [];
  const warnings: SbomDiagnostic[] = [];
  const queue = [normalize(rootPath)];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    if (seen.size >= maxFiles) {
      warnings.push(warning('limit.files', current, `more than ${maxFiles} requirements files; ${current} and later ones are left out`));
      break;
    }
    seen.add(current);
    const source = options.read(current);
    if (source === null) {
      if (options.onMissing === 'warn') {
        warnings.push(warning('file.missing', current, `${current} is referenced with -r but was not found`));
        continue;
      }
      return failed('lockfile.not_found', `${current} (referenced with -r) does not exist`);
    }
    const result = parseRequirementsTxt(source, current, options.limits);
    if (!result.ok) return result;
    packages.push(...result.value.packages);
    unresolved.push(...result.value.unresolved);
    warnings.push(...result.value.warnings);
    for (const ref of result.value.references) queue.push(joinPath(current, ref));
  }
  return parsed(packages, warnings, null, { unresolved, references: [...seen].slice(1) });
}
