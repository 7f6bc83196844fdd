/**
 * A dependency-free syntax check for SPDX license expressions (SPDX 2.3 Annex D; SPDX 3 uses the
 * same grammar): license ids and `LicenseRef-…` / `DocumentRef-…:LicenseRef-…` references joined
 * by `AND`, `OR`, `WITH` (exception) and parentheses; an id may end with `+`. `NONE` and
 * `NOASSERTION` are accepted as whole expressions. It checks the grammar only, not whether an id is
 * on the SPDX license list (core holds no copy of the list). Operators are accepted in upper or
 * lower case. Returns null when well-formed, otherwise a short problem code.
 */
const maxLength = 2048;
const maxDepth = 32;
const idPattern = /^[A-Za-z0-9.-]+$/;
const refPattern = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

export type SpdxExpressionProblem =
  'spdx.empty' | 'spdx.too-long' | 'spdx.token' | 'spdx.syntax' | 'spdx.depth';

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

export function spdxExpressionProblem(expression: string): SpdxExpressionProblem | null {
  if (expression.length > maxLength) return 'spdx.too-long';
  const trimmed = expression.trim();
  if (trimmed === '') return 'spdx.empty';
  if (trimmed === 'NONE' || trimmed === 'NOASSERTION') return null;
  const tokens = tokenize(trimmed);
  let i = 0;
  let problem: SpdxExpressionProblem | null = null;

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
  if (ok) return null;
  return problem ?? 'spdx.syntax';
}

export function isValidSpdxExpression(expression: string): boolean {
  return spdxExpressionProblem(expression) === null;
}
