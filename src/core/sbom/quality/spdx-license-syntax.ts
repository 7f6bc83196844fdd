/**
 * A dependency-free check of SPDX license expressions (SPDX 2.3 Annex D; SPDX 3 uses the same
 * grammar): license ids and `LicenseRef-…` / `DocumentRef-…:LicenseRef-…` references joined by
 * `AND`, `OR`, `WITH` (exception) and parentheses; an id may end with `+`. `NONE` and `NOASSERTION`
 * are accepted as whole expressions. Operators are accepted in upper or lower case.
 *
 * Annex D defines a license id as a short identifier from the SPDX License List and an exception
 * id as one from its exception list, so a well-formed expression whose id is not on the list
 * (`Proprietary`, `GPL`, `MIT WITH Unknown-exception`) is not an SPDX expression: the ids are looked
 * up, case-insensitively, in the list bundled with core (spdx-license-ids.ts). Deprecated ids
 * (`GPL-2.0`) are on the list and valid; they are reported separately.
 */
import { listedSpdxExceptionId, listedSpdxLicenseId } from '../spdx-license-ids.js';

const maxLength = 2048;
const maxDepth = 32;
const idPattern = /^[A-Za-z0-9.-]+$/;
const refPattern = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

export type SpdxExpressionProblem =
  | 'spdx.empty'
  | 'spdx.too-long'
  | 'spdx.token'
  | 'spdx.syntax'
  | 'spdx.depth'
  | 'spdx.unknown-license'
  | 'spdx.unknown-exception';

/**
 * The outcome of checking one expression. `normalized`: the same expression with every listed id in
 * the list's spelling (`mit` → `MIT`), operators in upper case and single spaces; `deprecated`: the
 * deprecated listed ids it uses, in that spelling. `token`: the unknown id, for the unknown-id problems.
 */
export type SpdxExpressionCheck =
  | { readonly ok: true; readonly normalized: string; readonly deprecated: readonly string[] }
  | { readonly ok: false; readonly problem: SpdxExpressionProblem; readonly token: string | null };

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  for (const raw of expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/)) {
    if (raw !== '') tokens.push(raw);
  }
  return tokens;
}

function operator(token: string | undefined): 'AND' | 'OR' | 'WITH' | null {
  if (token === undefined) return null;
  if (token === 'AND' || token === 'and') return 'AND';
  if (token === 'OR' || token === 'or') return 'OR';
  if (token === 'WITH' || token === 'with') return 'WITH';
  return null;
}

function isLicenseToken(token: string): boolean {
  if (refPattern.test(token)) return true;
  const id = token.endsWith('+') ? token.slice(0, -1) : token;
  return idPattern.test(id) && operator(id) === null;
}

const failed = (problem: SpdxExpressionProblem, token: string | null = null): SpdxExpressionCheck => ({ ok: false, problem, token });

export function checkSpdxExpression(expression: string): SpdxExpressionCheck {
  if (expression.length > maxLength) return failed('spdx.too-long');
  const trimmed = expression.trim();
  if (trimmed === '') return failed('spdx.empty');
  if (trimmed === 'NONE' || trimmed === 'NOASSERTION') return { ok: true, normalized: trimmed, deprecated: [] };
  const tokens = tokenize(trimmed);
  let i = 0;
  let problem: SpdxExpressionProblem | null = null;
  // Where the license ids and the exception ids are among the tokens.
  const licenseAt: number[] = [];
  const exceptionAt: number[] = [];

  // or-expr := and-expr (OR and-expr)*; and-expr := with-expr (AND with-expr)*;
  // with-expr := primary (WITH exception-id)?; primary := license | '(' or-expr ')'
  const primary = (depth: number): boolean => {
    if (depth > maxDepth) {
      problem = 'spdx.depth';
      return false;
    }
    const t = tokens[i];
    if (t === '(') {
      i += 1;
      if (!orExpr(depth + 1)) return false;
      if (tokens[i] !== ')') return false;
      i += 1;
      return true;
    }
    if (t === undefined || t === ')' || operator(t) !== null) return false;
    if (!isLicenseToken(t)) {
      problem = 'spdx.token';
      return false;
    }
    licenseAt.push(i);
    i += 1;
    return true;
  };
  const withExpr = (depth: number): boolean => {
    const wasParenthesised = tokens[i] === '(';
    if (!primary(depth)) return false;
    if (operator(tokens[i]) === 'WITH') {
      if (wasParenthesised) return false;
      i += 1;
      const exception = tokens[i];
      if (exception === undefined || exception.endsWith('+') || !isLicenseToken(exception)) return false;
      exceptionAt.push(i);
      i += 1;
    }
    return true;
  };
  const andExpr = (depth: number): boolean => {
    if (!withExpr(depth)) return false;
    while (operator(tokens[i]) === 'AND') {
      i += 1;
      if (!withExpr(depth)) return false;
    }
    return true;
  };
  const orExpr = (depth: number): boolean => {
    if (!andExpr(depth)) return false;
    while (operator(tokens[i]) === 'OR') {
      i += 1;
      if (!andExpr(depth)) return false;
    }
    return true;
  };

  const ok = orExpr(0) && i === tokens.length;
  if (!ok) return failed(problem ?? 'spdx.syntax');

  const spelled = [...tokens];
  const deprecated: string[] = [];
  for (const at of licenseAt) {
    const token = tokens[at]!;
    if (refPattern.test(token)) continue;
    const listed = listedSpdxLicenseId(token);
    if (listed === null) return failed('spdx.unknown-license', token);
    spelled[at] = listed.id;
    if (listed.deprecated) deprecated.push(listed.id);
  }
  for (const at of exceptionAt) {
    const token = tokens[at]!;
    const listed = listedSpdxExceptionId(token);
    if (listed === null) return failed('spdx.unknown-exception', token);
    spelled[at] = listed.id;
    if (listed.deprecated) deprecated.push(listed.id);
  }
  const normalized = spelled
    .map((t) => operator(t) ?? t)
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')');
  return { ok: true, normalized, deprecated: [...new Set(deprecated)] };
}

/** null when `expression` is a valid SPDX expression (grammar and listed ids), else the problem. */
export function spdxExpressionProblem(expression: string): SpdxExpressionProblem | null {
  const checked = checkSpdxExpression(expression);
  return checked.ok ? null : checked.problem;
}

export function isValidSpdxExpression(expression: string): boolean {
  return checkSpdxExpression(expression).ok;
}
