import { describe, expect, it } from 'vitest';
import { spdxExpressionProblem } from './spdx-license-syntax.js';

// Source for every row: SPDX 2.3 Annex D "SPDX License Expressions" (same grammar in SPDX 3).
describe('spdxExpressionProblem', () => {
  it.each([
    'MIT',
    'Apache-2.0',
    'GPL-2.0+',
    'MIT OR Apache-2.0',
    'LGPL-2.1-only AND MIT AND BSD-3-Clause',
    'GPL-2.0-or-later WITH Classpath-exception-2.0',
    '(MIT OR Apache-2.0) AND BSD-2-Clause',
    'LicenseRef-Proprietary',
    'DocumentRef-other:LicenseRef-X',
    'mit or apache-2.0',
    'NONE',
    'NOASSERTION',
  ])('accepts %s', (e) => {
    expect(spdxExpressionProblem(e)).toBeNull();
  });

  it.each([
    ['', 'spdx.empty'],
    ['MIT OR', 'spdx.syntax'],
    ['AND MIT', 'spdx.syntax'],
    ['(MIT', 'spdx.syntax'],
    ['MIT Apache-2.0', 'spdx.syntax'],
    ['GPL-2.0 WITH', 'spdx.syntax'],
    ['(MIT OR BSD-2-Clause) WITH Classpath-exception-2.0', 'spdx.syntax'],
    ['MIT/X11', 'spdx.token'],
    ['Apache License 2.0', 'spdx.syntax'],
    ['('.repeat(40) + 'MIT' + ')'.repeat(40), 'spdx.depth'],
  ])('rejects %j with %s', (e, problem) => {
    expect(spdxExpressionProblem(e)).toBe(problem);
  });
});
