/**
 * Safe JSON parsing for untrusted SBOMs: depth is checked before parsing (scanJson), then the
 * platform parser runs (it creates `__proto__` as a plain own property, never as a prototype), and
 * when the scan saw a suspicious key the tree is walked once to remove every `__proto__`,
 * `constructor` and `prototype` key, each removal reported as a warning with its JSON pointer.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { forbiddenKeys, lineColumn, scanJson } from './scan-json.js';

export type ParseJsonResult =
  | { readonly ok: true; readonly value: unknown; readonly diagnostics: SbomDiagnostic[] }
  | {
      readonly ok: false;
      readonly code: 'sbom.too_deep' | 'sbom.unreadable';
      readonly message: string;
      readonly location: string;
      /** The values of the message, for a translated one (SbomDiagnostic.args). */
      readonly args: Readonly<Record<string, string | number>>;
    };

export function parseJson(text: string, maxDepth: number): ParseJsonResult {
  const scan = scanJson(text, maxDepth);
  if (!scan.ok) {
    const at = lineColumn(text, scan.offset);
    return {
      ok: false,
      code: 'sbom.too_deep',
      message: `JSON nesting exceeds the limit of ${maxDepth} levels (line ${at.line}, column ${at.column})`,
      location: `line ${at.line}`,
      args: { variant: 'json', limit: maxDepth, line: at.line, column: at.column },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return malformed(text, (e as Error).message);
  }
  const diagnostics: SbomDiagnostic[] = [];
  if (scan.suspiciousKeys) stripForbiddenKeys(value, diagnostics);
  return { ok: true, value, diagnostics };
}

/**
 * A JSON syntax error as a located, translatable failure. The platform's message is kept as `detail`
 * (English, with a character offset); the line and column are worked out from the offset when the
 * message has one (the end of the text for a document that stops short), and `variant` says what
 * kind of error it is, so that a screen can say it in its language (sbomText.diagnostic.json.malformed).
 */
function malformed(text: string, detail: string): ParseJsonResult & { ok: false } {
  const end = /Unexpected end of JSON input/.test(detail);
  const position = /at position (\d+)/.exec(detail);
  const offset = position ? Number(position[1]) : end ? text.length : null;
  const at = offset === null ? null : lineColumn(text, offset);
  const variant = /Unterminated string/.test(detail)
    ? 'unterminated_string'
    : end
      ? 'unexpected_end'
      : /Bad (control|escaped) character/.test(detail)
        ? 'bad_character'
        : 'syntax';
  return {
    ok: false,
    code: 'sbom.unreadable',
    message: `Not well-formed JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${detail}`,
    location: at ? `line ${at.line}` : '',
    args: { variant, detail, ...(at ? { line: at.line, column: at.column } : {}) },
  };
}

/** Iterative (no recursion on untrusted depth) removal of prototype-polluting keys. */
export function stripForbiddenKeys(root: unknown, diagnostics: SbomDiagnostic[]): void {
  const stack: { node: unknown; pointer: string }[] = [{ node: root, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], pointer: `${pointer}/${i}` });
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = `${pointer}/${escapePointer(key)}`;
      if (forbiddenKeys.has(key)) {
        delete record[key];
        diagnostics.push({
          severity: 'warning',
          code: 'json.forbidden_key',
          location: child,
          message: `Key "${key}" removed: it could alter object prototypes`,
          args: { key },
          // Self-contained: users do not have the design notes (DESIGN.md, untrusted input).
          rule: 'mamori: __proto__, constructor and prototype keys in untrusted JSON are removed, so a document cannot alter object prototypes (prototype pollution)',
        });
      } else {
        stack.push({ node: record[key], pointer: child });
      }
    }
  }
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
