/**
 * Safe JSON parsing for untrusted SBOMs: depth is checked before parsing (scanJson), then the
 * platform parser runs (it creates `__proto__` as a plain own property, never as a prototype), and
 * when the scan saw a suspicious key the tree is walked once to remove every `__proto__`,
 * `constructor` and `prototype` key, each removal reported as a warning with its JSON pointer.
 * A key that its object already had (the scan finds them; JSON.parse keeps the last value, other
 * tools may keep the first) is reported as a warning with its JSON pointer, line and column.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { forbiddenKeys, keyText, lineColumn, scanJson } from './scan-json.js';

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
  if (scan.duplicateKeys.length > 0) reportDuplicateKeys(text, scan.duplicateKeys, diagnostics);
  if (scan.suspiciousKeys) stripForbiddenKeys(value, diagnostics);
  return { ok: true, value, diagnostics };
}

/** At most this many repeated keys are reported one by one; the rest are counted in one more warning. */
export const maxDuplicateKeyDiagnostics = 100;

const duplicateKeyRule =
  'RFC 8259 §4: the names within an object SHOULD be unique; tools differ in which value of a repeated name they keep';

/** Each repeated key (scanJson's offsets) as a warning: where it is (JSON pointer, line, column) and what is kept. */
function reportDuplicateKeys(text: string, offsets: readonly number[], diagnostics: SbomDiagnostic[]): void {
  const shown = offsets.slice(0, maxDuplicateKeyDiagnostics);
  for (const place of locateKeys(text, shown)) {
    diagnostics.push({
      severity: 'warning',
      code: 'json.duplicate_key',
      location: place.pointer,
      message: `Key "${place.key}" appears more than once in one object (line ${place.line}, column ${place.column}): mamori keeps the last value; a tool that keeps the first would read something else`,
      args: { key: place.key, line: place.line, column: place.column },
      rule: duplicateKeyRule,
    });
  }
  const more = offsets.length - shown.length;
  if (more > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'json.duplicate_key',
      location: '',
      message: `${more} more repeated ${more === 1 ? 'key' : 'keys'} not shown`,
      args: { count: more, variant: 'more' },
      rule: duplicateKeyRule,
    });
  }
}

export interface KeyPlace {
  readonly pointer: string;
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The JSON pointer, line and column of the keys whose opening quotes are at `offsets` (ascending),
 * in well-formed JSON text: one walk that follows the open objects and arrays, stopping after the
 * last offset. It runs only when a document has a repeated key.
 */
export function locateKeys(text: string, offsets: readonly number[]): KeyPlace[] {
  const out: KeyPlace[] = [];
  // Per open container: the key being read (object) or the index of the element (array).
  const path: (string | number)[] = [];
  const inArray: boolean[] = [];
  let line = 1;
  let lineStart = 0;
  let lastStart = 0;
  let lastLength = 0;
  let lastLine = 0;
  let lastColumn = 0;
  let next = 0;
  const n = text.length;
  for (let i = 0; i < n && next < offsets.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line += 1;
      lineStart = i + 1;
    } else if (c === 0x22) {
      lastLine = line;
      lastColumn = i - lineStart + 1;
      const start = i + 1;
      let escaped = false;
      i = start;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          i += 1;
        }
        i += 1;
      }
      lastStart = start;
      lastLength = escaped ? -1 : i - start;
    } else if (c === 0x3a) {
      const key = keyText(text, lastStart, lastLength);
      path[path.length - 1] = key;
      if (lastStart - 1 === offsets[next]) {
        out.push({
          pointer: path.map((p) => `/${escapePointer(String(p))}`).join(''),
          key,
          line: lastLine,
          column: lastColumn,
        });
        next += 1;
      }
    } else if (c === 0x7b || c === 0x5b) {
      path.push(c === 0x5b ? 0 : '');
      inArray.push(c === 0x5b);
    } else if (c === 0x7d || c === 0x5d) {
      path.pop();
      inArray.pop();
    } else if (c === 0x2c && inArray[inArray.length - 1] === true) {
      path[path.length - 1] = (path[path.length - 1] as number) + 1;
    }
  }
  return out;
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
