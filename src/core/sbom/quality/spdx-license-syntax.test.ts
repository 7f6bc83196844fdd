import { describe, expect, it } from 'vitest';
import { checkSpdxExpression, spdxExpressionProblem } from './spdx-license-syntax.js';

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
    // Annex D: a license id is one of the SPDX License List, an exception id one of its exception list.
    ['Proprietary', 'spdx.unknown-license'],
    ['Commercial', 'spdx.unknown-license'],
    ['GPL', 'spdx.unknown-license'],
    ['MIT OR Proprietary', 'spdx.unknown-license'],
    ['LLVM-exception', 'spdx.unknown-license'],
    ['GPL-2.0-only WITH Unknown-exception', 'spdx.unknown-exception'],
    ['GPL-2.0-only WITH MIT', 'spdx.unknown-exception'],
    ['MIT WITH LicenseRef-x', 'spdx.unknown-exception'],
  ])('rejects %j with %s', (e, problem) => {
    expect(spdxExpressionProblem(e)).toBe(problem);
  });
});

describe('checkSpdxExpression', () => {
  it('names the unknown id', () => {
    expect(checkSpdxExpression('MIT OR Proprietary')).toEqual({ ok: false, problem: 'spdx.unknown-license', token: 'Proprietary' });
    expect(checkSpdxExpression('Apache-2.0 WITH Foo-exception')).toEqual({ ok: false, problem: 'spdx.unknown-exception', token: 'Foo-exception' });
    expect(checkSpdxExpression('MIT OR')).toEqual({ ok: false, problem: 'spdx.syntax', token: null });
  });

  it('spells listed ids as the list does and reports the deprecated ones', () => {
    expect(checkSpdxExpression('apache-2.0 with llvm-exception')).toEqual({ ok: true, normalized: 'Apache-2.0 WITH LLVM-exception', deprecated: [] });
    expect(checkSpdxExpression('gpl-2.0+ OR (GPL-2.0 AND lgpl-2.1-only)')).toEqual({ ok: true, normalized: 'GPL-2.0+ OR (GPL-2.0 AND LGPL-2.1-only)', deprecated: ['GPL-2.0+', 'GPL-2.0'] });
    expect(checkSpdxExpression('GPL-2.0-only WITH Nokia-Qt-exception-1.1')).toEqual({ ok: true, normalized: 'GPL-2.0-only WITH Nokia-Qt-exception-1.1', deprecated: ['Nokia-Qt-exception-1.1'] });
    expect(checkSpdxExpression('LicenseRef-acme')).toEqual({ ok: true, normalized: 'LicenseRef-acme', deprecated: [] });
  });
});
