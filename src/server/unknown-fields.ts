/**
 * The problem for unknown body fields and query parameters: one issue per unknown name, with the
 * name meant when it is a near miss ("did you mean …?"), else the names that are accepted there.
 */
import type { AppError } from '../core/result.js';

export type InputPart = 'body' | 'querystring';

export interface UnknownField {
  /** Where the unknown key is: the path of its object, then the key. */
  readonly path: readonly string[];
  /** The keys the object accepts, in declaration order; null when not known. */
  readonly fields: readonly string[] | null;
}

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++)
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[s.length]![t.length]!;
}

/** The accepted name a typo most likely meant: at most two edits, and short names need a closer match. */
export function suggestField(key: string, fields: readonly string[]): string | null {
  let best: { field: string; d: number } | null = null;
  for (const field of fields) {
    const d = distance(key, field);
    if (d <= 2 && d * 3 <= key.length && (best === null || d < best.d)) best = { field, d };
  }
  return best?.field ?? null;
}

function message(part: InputPart, key: string, fields: readonly string[] | null): string {
  const what = part === 'body' ? 'Unknown field' : 'Unknown query parameter';
  if (fields === null) return `${what}.`;
  if (fields.length === 0) return part === 'body' ? `${what}; this request takes no body.` : `${what}; this request takes none.`;
  const meant = suggestField(key, fields);
  if (meant) return `${what}; did you mean "${meant}"?`;
  return part === 'body' ? `${what}; the fields here are: ${fields.join(', ')}.` : `${what}; the parameters here are: ${fields.join(', ')}.`;
}

/** The issues for unknown names; their paths are spelled like those of other invalid fields. */
export function unknownFieldIssues(part: InputPart, unknown: readonly UnknownField[]): { path: string; message: string }[] {
  return unknown.map((u) => ({
    path: [part === 'body' ? '' : part, ...u.path].filter(Boolean).join('.'),
    message: message(part, u.path[u.path.length - 1] ?? '', u.fields),
  }));
}

/** The summary sentence naming the unknown keys. */
export function unknownFieldsDetail(part: InputPart, keys: readonly string[]): string {
  const list = keys.join(', ');
  if (part === 'body') return `The request body has ${keys.length === 1 ? 'an unknown field' : 'unknown fields'}: ${list}.`;
  return `The query string has ${keys.length === 1 ? 'an unknown parameter' : 'unknown parameters'}: ${list}.`;
}

export function unknownFieldsProblem(part: InputPart, unknown: readonly UnknownField[]): AppError {
  return {
    code: 'request.invalid',
    message: unknownFieldsDetail(part, unknown.map((u) => u.path.join('.'))),
    issues: unknownFieldIssues(part, unknown),
  };
}
