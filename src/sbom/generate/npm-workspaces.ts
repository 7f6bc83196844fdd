/**
 * npm / yarn workspaces (https://docs.npmjs.com/cli/using-npm/workspaces): a root package.json (or
 * the package-lock root entry) lists the member folders as glob patterns, `workspaces: ["packages/*"]`
 * (yarn classic also `workspaces: { packages: [...] }`). Patterns are matched as npm does: `*` and `?`
 * within one path segment, `**` across segments, a leading `!` excludes; `./` and trailing `/` are
 * ignored.
 */
import { isRecord, list, text, type Data } from './structured-text.js';

/** The workspace patterns a manifest declares (empty when it declares none). */
export function workspacePatterns(manifest: Data | undefined): string[] {
  if (!isRecord(manifest)) return [];
  const field = isRecord(manifest.workspaces) ? manifest.workspaces.packages : manifest.workspaces;
  return list(field)
    .map((p) => text(p))
    .filter((p): p is string => p !== null && p.trim() !== '');
}

function clean(p: string): string {
  return p.trim().replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function patternRegExp(pattern: string): RegExp {
  let out = '';
  const p = clean(pattern);
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (p[i + 2] === '/') {
        out += '(?:[^/]+/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether `folder` (relative to the workspace root, posix separators) is a member by `patterns`. */
export function isWorkspaceFolder(folder: string, patterns: readonly string[]): boolean {
  const f = clean(folder);
  let member = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (patternRegExp(p.slice(1)).test(f)) member = false;
    } else if (patternRegExp(p).test(f)) member = true;
  }
  return member;
}
